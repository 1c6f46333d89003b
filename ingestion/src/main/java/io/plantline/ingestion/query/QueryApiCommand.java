package io.plantline.ingestion.query;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import io.plantline.ingestion.store.CassandraOptions;
import io.plantline.ingestion.store.CassandraSettings;
import io.plantline.ingestion.store.HistorySchema;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code query-api}: serves the telemetry query API ({@link QueryApiVerticle}) from the Cassandra
 * history until stopped. A wrong option stops start-up with one line naming it (exit code 2).
 */
@Command(
    name = "query-api",
    mixinStandardHelpOptions = true,
    description = "REST API over the Cassandra telemetry history (JWT, roles operator/viewer).")
public final class QueryApiCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApiCommand.class);

  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_QUERY_HTTP_HOST:-127.0.0.1}",
      description = "bind address (env PLANTLINE_QUERY_HTTP_HOST)")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_QUERY_HTTP_PORT:-8087}",
      description = "port, 0 = any (env PLANTLINE_QUERY_HTTP_PORT)")
  String httpPort;

  @Option(
      names = "--jwt-key-file",
      defaultValue = "${env:PLANTLINE_JWT_KEY_FILE}",
      description = "file holding the HS256 secret (at least 32 bytes)")
  Path jwtKeyFile;

  @Option(
      names = "--jwt-key-env",
      defaultValue = "${env:PLANTLINE_JWT_KEY_ENV}",
      description = "name of the environment variable holding the HS256 secret")
  String jwtKeyEnv;

  @Option(
      names = "--max-points",
      defaultValue = "${env:PLANTLINE_QUERY_MAX_POINTS:-10000}",
      description = "most points or buckets per response")
  String maxPoints;

  @Option(
      names = "--max-range",
      defaultValue = "${env:PLANTLINE_QUERY_MAX_RANGE:-P31D}",
      description = "longest from..to, ISO-8601")
  String maxRange;

  /**
   * The validated configuration.
   *
   * @param cassandra Cassandra settings
   * @param keys JWT verification keys
   * @param limits response caps
   * @param listen bind address and port
   */
  public record Config(
      CassandraSettings cassandra,
      JwtKeys keys,
      QueryLimits limits,
      QueryApiVerticle.Listen listen) {}

  /**
   * Validates every option.
   *
   * @throws OptionException naming the first wrong option
   */
  public Config config(Map<String, String> env) {
    CassandraSettings settings = cassandra.settings(env);
    String secret =
        new Secrets(env::get)
            .optional("--jwt-key-file", jwtKeyFile, "--jwt-key-env", jwtKeyEnv)
            .orElseThrow(
                () ->
                    new OptionException(
                        "--jwt-key-file",
                        "an HS256 key is required (--jwt-key-file or --jwt-key-env)"));
    JwtKeys keys = OptionException.check("--jwt-key-file", () -> JwtKeys.hs256(secret));
    int points = OptionException.check("--max-points", () -> Integer.parseInt(maxPoints.strip()));
    Duration range = OptionException.check("--max-range", () -> Duration.parse(maxRange));
    QueryLimits limits =
        OptionException.check(
            points < 1 ? "--max-points" : "--max-range",
            () -> new QueryLimits(points, range, QueryLimits.defaults().maxPageSize()));
    int port = OptionException.check("--http-port", () -> Integer.parseInt(httpPort.strip()));
    if (port < 0 || port > 65535) {
      throw new OptionException("--http-port", "must be 0..65535, was " + httpPort);
    }
    return new Config(settings, keys, limits, new QueryApiVerticle.Listen(httpHost, port));
  }

  @Override
  public Integer call() throws Exception {
    Config config;
    try {
      config = config(System.getenv());
    } catch (OptionException e) {
      System.err.println("plantline ingestion query-api: " + e.getMessage());
      return 2;
    }
    CqlSession session = config.cassandra().openSession();
    HistorySchema.createIfMissing(session, config.cassandra());
    PrometheusMeterRegistry registry = OpsEndpoints.registry();
    Vertx vertx = Vertx.vertx();
    QueryApiVerticle api =
        new QueryApiVerticle(
            config.listen(),
            new HistoryReader(session, config.cassandra().keyspace()),
            config.keys(),
            config.limits(),
            registry);
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    LOG.info("query API on http://{}:{}", config.listen().host(), api.actualPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    vertx.close().toCompletionStage().toCompletableFuture().join();
                    session.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "query-api-shutdown"));
    stopped.await();
    return 0;
  }
}
