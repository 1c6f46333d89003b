package io.plantline.ingestion.store;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.ingestion.cli.KafkaOptions;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code writers}: runs the time-series writer and the Cassandra history writer until stopped, with
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} on an HTTP port. A wrong option
 * stops start-up with one line naming it (exit code 2).
 */
@Command(
    name = "writers",
    mixinStandardHelpOptions = true,
    description = "Kafka telemetry.raw.v1 → time series (InfluxDB v2 API) and → Cassandra history.")
public final class WritersCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WritersCommand.class);

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--ts-kind",
      defaultValue = "${env:PLANTLINE_TS_KIND:-questdb}",
      description = "questdb or influxdb (env PLANTLINE_TS_KIND)")
  String tsKind;

  @Option(
      names = "--ts-url",
      defaultValue = "${env:PLANTLINE_TS_URL:-http://127.0.0.1:9000}",
      description = "base URL of the time-series server (env PLANTLINE_TS_URL)")
  String tsUrl;

  @Option(
      names = "--ts-org",
      defaultValue = "${env:PLANTLINE_TS_ORG:-plantline}",
      description = "InfluxDB organisation")
  String tsOrg;

  @Option(
      names = "--ts-bucket",
      defaultValue = "${env:PLANTLINE_TS_BUCKET:-plantline}",
      description = "InfluxDB bucket")
  String tsBucket;

  @Option(
      names = "--ts-token-file",
      defaultValue = "${env:PLANTLINE_TS_TOKEN_FILE}",
      description = "file holding the InfluxDB token")
  Path tsTokenFile;

  @Option(
      names = "--ts-token-env",
      defaultValue = "${env:PLANTLINE_TS_TOKEN_ENV}",
      description = "name of the environment variable holding the InfluxDB token")
  String tsTokenEnv;

  @Option(
      names = "--ts-username",
      defaultValue = "${env:PLANTLINE_TS_USERNAME}",
      description = "QuestDB HTTP basic-auth user")
  String tsUsername;

  @Option(
      names = "--ts-password-file",
      defaultValue = "${env:PLANTLINE_TS_PASSWORD_FILE}",
      description = "file holding the QuestDB password")
  Path tsPasswordFile;

  @Option(
      names = "--ts-password-env",
      defaultValue = "${env:PLANTLINE_TS_PASSWORD_ENV}",
      description = "name of the environment variable holding the QuestDB password")
  String tsPasswordEnv;

  @Option(
      names = "--flush-points",
      defaultValue = "${env:PLANTLINE_FLUSH_POINTS:-20000}",
      description = "flush a store after this many points")
  String flushPoints;

  @Option(
      names = "--flush-interval",
      defaultValue = "${env:PLANTLINE_FLUSH_INTERVAL:-PT0.1S}",
      description = "or after this long, ISO-8601")
  String flushInterval;

  @Option(
      names = "--cassandra-max-in-flight",
      defaultValue = "${env:PLANTLINE_CASSANDRA_MAX_IN_FLIGHT:-64}",
      description = "most Cassandra requests outstanding")
  String maxInFlight;

  @Option(
      names = "--consumers",
      defaultValue = "${env:PLANTLINE_WRITERS_CONSUMERS:-1}",
      description = "consumer threads per store (partitions are shared among them)")
  String consumers;

  @Option(
      names = "--group-prefix",
      defaultValue = "${env:PLANTLINE_WRITERS_GROUP_PREFIX:-plantline-ingestion}",
      description = "consumer groups are <prefix>-timeseries and <prefix>-history")
  String groupPrefix;

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_WRITERS_HTTP_HOST:-127.0.0.1}",
      description = "bind address of health and metrics")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_WRITERS_HTTP_PORT:-9103}",
      description = "port of health and metrics (0 = any)")
  String httpPort;

  /**
   * The validated configuration of both writers.
   *
   * @param kafka Kafka client settings
   * @param timeSeries time-series target
   * @param cassandra Cassandra settings
   * @param options flush and group knobs
   * @param maxInFlight most Cassandra requests outstanding
   * @param httpHost bind address of the ops endpoints
   * @param httpPort port of the ops endpoints
   */
  public record Config(
      KafkaSettings kafka,
      TimeSeriesTarget timeSeries,
      CassandraSettings cassandra,
      StoreWriter.Options options,
      int maxInFlight,
      String httpHost,
      int httpPort) {}

  /**
   * Validates every option.
   *
   * @throws OptionException naming the first wrong option
   */
  public Config config(Map<String, String> env) {
    KafkaSettings kafkaSettings = kafka.settings(new Secrets(env::get));
    CassandraSettings cassandraSettings = cassandra.settings(env);
    TimeSeriesTarget.Kind kind =
        OptionException.check("--ts-kind", () -> TimeSeriesTarget.Kind.parse(tsKind));
    Optional<String> token =
        new Secrets(env::get)
            .optional("--ts-token-file", tsTokenFile, "--ts-token-env", tsTokenEnv);
    Optional<String> password =
        new Secrets(env::get)
            .optional("--ts-password-file", tsPasswordFile, "--ts-password-env", tsPasswordEnv);
    Optional<String> user = Optional.ofNullable(tsUsername).filter(u -> !u.isBlank());
    if (user.isPresent() != password.isPresent()) {
      throw new OptionException(
          "--ts-username", "a username needs a password (file or env) and the other way round");
    }
    if (kind == TimeSeriesTarget.Kind.INFLUXDB && token.isEmpty()) {
      throw new OptionException("--ts-token-file", "InfluxDB needs a token (file or env)");
    }
    TimeSeriesTarget target =
        OptionException.check(
            "--ts-url",
            () -> new TimeSeriesTarget(kind, tsUrl, tsOrg, tsBucket, token, user, password));
    int points = positiveInt("--flush-points", flushPoints);
    Duration interval =
        OptionException.check("--flush-interval", () -> Duration.parse(flushInterval));
    if (interval.isNegative() || interval.isZero()) {
      throw new OptionException("--flush-interval", "must be positive, was " + flushInterval);
    }
    int inFlight = positiveInt("--cassandra-max-in-flight", maxInFlight);
    if (groupPrefix == null || groupPrefix.isBlank()) {
      throw new OptionException("--group-prefix", "must not be blank");
    }
    int port = OptionException.check("--http-port", () -> Integer.parseInt(httpPort));
    if (port < 0 || port > 65535) {
      throw new OptionException("--http-port", "must be 0..65535, was " + httpPort);
    }
    StoreWriter.Options defaults = StoreWriter.Options.defaults(groupPrefix);
    return new Config(
        kafkaSettings,
        target,
        cassandraSettings,
        new StoreWriter.Options(
            groupPrefix,
            points,
            interval,
            defaults.backoff(),
            defaults.maxPollRecords(),
            positiveInt("--consumers", consumers)),
        inFlight,
        httpHost,
        port);
  }

  private static int positiveInt(String option, String text) {
    int value = OptionException.check(option, () -> Integer.parseInt(text.strip()));
    if (value < 1) {
      throw new OptionException(option, "must be at least 1, was " + text);
    }
    return value;
  }

  @Override
  public Integer call() throws Exception {
    Config config;
    try {
      config = config(System.getenv());
    } catch (OptionException e) {
      System.err.println("plantline ingestion writers: " + e.getMessage());
      return 2;
    }
    PrometheusMeterRegistry registry = OpsEndpoints.registry();
    StoreWriter history;
    try {
      history =
          StoreWriter.history(
              config.kafka(), config.cassandra(), config.maxInFlight(), config.options(), registry);
    } catch (RuntimeException e) {
      System.err.println(
          "plantline ingestion writers: cannot open the Cassandra history ("
              + config.cassandra()
              + "): "
              + e.getMessage());
      return 1;
    }
    StoreWriter timeSeries =
        StoreWriter.timeSeries(config.kafka(), config.timeSeries(), config.options(), registry);
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    OpsEndpoints.mount(
        router, registry, () -> Future.succeededFuture(history.ready() && timeSeries.ready()));
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(config.httpPort(), config.httpHost())
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    LOG.info(
        "writers running: {} and {}; health and metrics on http://{}:{}",
        config.timeSeries(),
        config.cassandra(),
        config.httpHost(),
        server.actualPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    timeSeries.close();
                    history.close();
                    vertx.close().toCompletionStage().toCompletableFuture().join();
                  } finally {
                    stopped.countDown();
                  }
                },
                "writers-shutdown"));
    stopped.await();
    return 0;
  }
}
