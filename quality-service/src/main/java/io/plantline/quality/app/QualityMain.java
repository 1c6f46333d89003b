package io.plantline.quality.app;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.quality.adapter.in.http.QualityApiVerticle;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.cli.CassandraOptions;
import io.plantline.service.cli.KafkaOptions;
import io.plantline.service.cli.OptionException;
import io.plantline.service.cli.Secrets;
import io.plantline.service.cli.ServiceCommandLine;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plantline quality}: the SPC service until Ctrl-C. A wrong option stops with exit 2. */
@Command(
    name = "plantline quality",
    mixinStandardHelpOptions = true,
    description =
        "Statistical process control of telemetry.raw.v1: control charts, rules, capability;"
            + " read model in Cassandra, events on quality.events.v1 and alarms.v1, REST API.")
public final class QualityMain implements Callable<Integer> {
  /** Printed once the service runs. */
  public static final String READY_LINE = "Plantline quality service is running";

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--cassandra-keyspace",
      defaultValue = "${env:PLANTLINE_QUALITY_KEYSPACE:-plantline_quality}",
      description =
          "keyspace of the quality tables, created if missing; default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_QUALITY_KEYSPACE)")
  String keyspace;

  @Option(
      names = "--characteristics",
      required = true,
      defaultValue = "${env:PLANTLINE_QUALITY_CHARACTERISTICS}",
      description = "YAML file of the characteristics (see quality-service/README.md)")
  Path characteristics;

  @Option(
      names = "--questdb-url",
      defaultValue = "${env:PLANTLINE_QUESTDB_URL:-http://127.0.0.1:9000}",
      description =
          "HTTP URL of the time-series store (re-baselines read it); default ${DEFAULT-VALUE}")
  String questDbUrl;

  @Option(
      names = "--questdb-username",
      defaultValue = "${env:PLANTLINE_QUESTDB_USERNAME}",
      description =
          "basic-auth user of the time-series store; its password from --questdb-password-file"
              + " or PLANTLINE_QUESTDB_PASSWORD")
  String questDbUser;

  @Option(
      names = "--questdb-password-file",
      defaultValue = "${env:PLANTLINE_QUESTDB_PASSWORD_FILE}",
      description =
          "file holding the time-series store's password (env PLANTLINE_QUESTDB_PASSWORD_FILE)")
  java.nio.file.Path questDbPasswordFile;

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_QUALITY_HTTP_HOST:-127.0.0.1}",
      description = "bind address of the API; default ${DEFAULT-VALUE}")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_QUALITY_HTTP_PORT:-8090}",
      description = "port of the API, 0 for any; default ${DEFAULT-VALUE}")
  String httpPort;

  @Option(
      names = "--jwt-key-file",
      defaultValue = "${env:PLANTLINE_QUALITY_JWT_KEY_FILE}",
      description = "file holding the HS256 secret of API tokens (at least 32 bytes)")
  Path jwtKeyFile;

  @Option(
      names = "--jwt-key-env",
      defaultValue = "PLANTLINE_QUALITY_JWT_KEY",
      description = "environment variable holding the HS256 secret (default ${DEFAULT-VALUE})")
  String jwtKeyEnv;

  @Option(
      names = "--consumer-group",
      defaultValue = "${env:PLANTLINE_QUALITY_CONSUMER_GROUP:-plantline-quality}",
      description = "Kafka consumer group; default ${DEFAULT-VALUE}")
  String consumerGroup;

  @Option(
      names = "--work-order-min-severity",
      defaultValue = "${env:PLANTLINE_QUALITY_WORK_ORDER_MIN_SEVERITY:-HIGH}",
      description =
          "raised SPC alarms at or above it open a work order (LOW, MEDIUM, HIGH, CRITICAL;"
              + " the service raises MEDIUM and HIGH); default ${DEFAULT-VALUE}")
  String workOrderMinSeverity;

  public static void main(String[] args) {
    System.exit(
        ServiceCommandLine.execute(new QualityMain(), args, new PrintWriter(System.err, true)));
  }

  @Override
  public Integer call() throws Exception {
    var env = (java.util.function.UnaryOperator<String>) System::getenv;
    KafkaSettings kafkaSettings = kafka.settings(env);
    CassandraSettings cassandraSettings = cassandra.settings(env, keyspace);
    var list =
        OptionException.check("--characteristics", () -> CharacteristicsFile.read(characteristics));
    ApiTokens tokens = ServiceCommandLine.apiTokens(env, jwtKeyFile, jwtKeyEnv);
    int port = ServiceCommandLine.httpPort(httpPort);
    ServiceCommandLine.httpHost(httpHost);
    AlarmSeverity minSeverity =
        OptionException.check(
            "--work-order-min-severity",
            () -> AlarmSeverity.valueOf(workOrderMinSeverity.strip().toUpperCase(Locale.ROOT)));
    Optional<String> auth = Optional.empty();
    if (questDbUser != null && !questDbUser.isBlank()) {
      String password =
          new Secrets(env)
              .optional(
                  "--questdb-password-file",
                  questDbPasswordFile,
                  "--questdb-username",
                  questDbPasswordFile == null ? "PLANTLINE_QUESTDB_PASSWORD" : null)
              .orElseThrow(
                  () ->
                      new OptionException(
                          "--questdb-password-file",
                          "a --questdb-username needs a password (file or PLANTLINE_QUESTDB_PASSWORD)"));
      auth =
          Optional.of(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (questDbUser + ":" + password)
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    QualityService service =
        new QualityService(
            kafkaSettings,
            cassandraSettings,
            list,
            questDbUrl,
            auth,
            new QualityApiVerticle.Listen(httpHost, port),
            tokens,
            consumerGroup,
            minSeverity);
    ServiceCommandLine.runUntilStopped(
        service,
        READY_LINE + ": API http://" + httpHost + ":" + service.apiPort() + "/api/v1/quality",
        "quality-shutdown");
    return 0;
  }
}
