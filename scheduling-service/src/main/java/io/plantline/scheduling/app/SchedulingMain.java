package io.plantline.scheduling.app;

import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.cli.CassandraOptions;
import io.plantline.service.cli.KafkaOptions;
import io.plantline.service.cli.OptionException;
import io.plantline.service.cli.ServiceCommandLine;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./plantline scheduling}: runs the work-order service until Ctrl-C or SIGTERM. Every option
 * has an environment-variable default; passwords and the JWT key come from a file or a named
 * environment variable, never from the command line. A wrong value stops start-up with one line
 * naming the option (exit status 2).
 */
@Command(
    name = "plantline scheduling",
    mixinStandardHelpOptions = true,
    description =
        "Maintenance work orders: commands from workorder.commands.v1 and REST, alarm clearances"
            + " from alarms.v1, events to workorder.events.v1, projections and the REST API in"
            + " Cassandra.")
public final class SchedulingMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulingMain.class);

  /** Printed once the service runs; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline scheduling service is running";

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--cassandra-keyspace",
      defaultValue = "${env:PLANTLINE_SCHEDULING_KEYSPACE:-plantline_workorders}",
      description =
          "keyspace of the work-order and production-schedule tables, created if missing;"
              + " default ${DEFAULT-VALUE} (env PLANTLINE_SCHEDULING_KEYSPACE)")
  String keyspace;

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_SCHEDULING_HTTP_HOST:-127.0.0.1}",
      description = "bind address of the API; default ${DEFAULT-VALUE}")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_SCHEDULING_HTTP_PORT:-8088}",
      description = "port of the API, /health and /metrics, 0 for any; default ${DEFAULT-VALUE}")
  String httpPort;

  @Option(
      names = "--jwt-key-file",
      defaultValue = "${env:PLANTLINE_SCHEDULING_JWT_KEY_FILE}",
      description = "file holding the HS256 secret of API tokens (at least 32 bytes)")
  Path jwtKeyFile;

  @Option(
      names = "--jwt-key-env",
      defaultValue = "PLANTLINE_SCHEDULING_JWT_KEY",
      description =
          "name of the environment variable holding the HS256 secret (default ${DEFAULT-VALUE})")
  String jwtKeyEnv;

  @Option(
      names = "--consumer-group",
      defaultValue = "${env:PLANTLINE_SCHEDULING_CONSUMER_GROUP:-plantline-scheduling}",
      description =
          "prefix of the Kafka consumer groups (.commands, .alarms, .projector);"
              + " default ${DEFAULT-VALUE}")
  String consumerGroup;

  @Option(
      names = "--concurrency",
      defaultValue = "${env:PLANTLINE_SCHEDULING_CONCURRENCY:-32}",
      description =
          "assets whose commands, alarms and events are handled at once per intake (one asset's"
              + " in order), 1..256; default ${DEFAULT-VALUE}")
  String concurrency;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.err, true)));
  }

  /** Runs the command with errors printed to {@code err}; returns the exit status. */
  public static int execute(String[] args, PrintWriter err) {
    return ServiceCommandLine.execute(new SchedulingMain(), args, err);
  }

  /**
   * Validates every option.
   *
   * @throws OptionException naming the first wrong option
   */
  public SchedulingConfig config(UnaryOperator<String> environment) {
    KafkaSettings kafkaSettings = kafka.settings(environment);
    CassandraSettings cassandraSettings = cassandra.settings(environment, keyspace);
    ApiTokens tokens = ServiceCommandLine.apiTokens(environment, jwtKeyFile, jwtKeyEnv);
    int port = ServiceCommandLine.httpPort(httpPort);
    ServiceCommandLine.httpHost(httpHost);
    int lanes = ServiceCommandLine.lanes("--concurrency", concurrency);
    return OptionException.check(
        "--consumer-group",
        () ->
            new SchedulingConfig(
                kafkaSettings,
                cassandraSettings,
                new WorkOrderApiVerticle.Listen(httpHost, port),
                tokens,
                consumerGroup,
                lanes));
  }

  @Override
  public Integer call() throws Exception {
    SchedulingConfig config = config(System::getenv);
    SchedulingService service = SchedulingService.start(config);
    String url = "http://" + config.listen().host() + ":" + service.apiPort();
    LOG.info("{} (kafka {}, cassandra {})", READY_LINE, config.kafka(), config.cassandra());
    ServiceCommandLine.runUntilStopped(
        service,
        READY_LINE + ": API " + url + "/api/v1, OpenAPI " + url + "/openapi.yaml",
        "scheduling-shutdown");
    return 0;
  }
}
