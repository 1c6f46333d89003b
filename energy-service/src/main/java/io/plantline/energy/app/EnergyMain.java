package io.plantline.energy.app;

import io.plantline.energy.adapter.in.http.EnergyApiVerticle;
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
 * {@code ./plantline energy}: runs the energy service until Ctrl-C or SIGTERM. Every option has an
 * environment-variable default; passwords and the JWT key come from a file or a named environment
 * variable, never from the command line. A wrong value stops start-up with one line naming the
 * option (exit status 2).
 */
@Command(
    name = "plantline energy",
    mixinStandardHelpOptions = true,
    description =
        "Energy: consumption, interval demand, cost and EnPIs from telemetry.raw.v1 into a"
            + " Cassandra read model; peak-demand forecasts and idle-energy findings to"
            + " energy.events.v1 and alarms.v1; the REST API.")
public final class EnergyMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(EnergyMain.class);

  /** Printed once the service runs; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline energy service is running";

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Mixin CassandraOptions cassandra = new CassandraOptions();

  @Option(
      names = "--cassandra-keyspace",
      defaultValue = "${env:PLANTLINE_ENERGY_KEYSPACE:-plantline_energy}",
      description =
          "keyspace of the energy read model, created if missing; default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_ENERGY_KEYSPACE)")
  String keyspace;

  @Option(
      names = "--http-host",
      defaultValue = "${env:PLANTLINE_ENERGY_HTTP_HOST:-127.0.0.1}",
      description = "bind address of the API; default ${DEFAULT-VALUE}")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "${env:PLANTLINE_ENERGY_HTTP_PORT:-8089}",
      description = "port of the API, /health and /metrics, 0 for any; default ${DEFAULT-VALUE}")
  String httpPort;

  @Option(
      names = "--jwt-key-file",
      defaultValue = "${env:PLANTLINE_ENERGY_JWT_KEY_FILE}",
      description = "file holding the HS256 secret of API tokens (at least 32 bytes)")
  Path jwtKeyFile;

  @Option(
      names = "--jwt-key-env",
      defaultValue = "PLANTLINE_ENERGY_JWT_KEY",
      description =
          "name of the environment variable holding the HS256 secret (default ${DEFAULT-VALUE})")
  String jwtKeyEnv;

  @Option(
      names = "--consumer-group",
      defaultValue = "${env:PLANTLINE_ENERGY_CONSUMER_GROUP:-plantline-energy}",
      description = "Kafka consumer group of the telemetry intake; default ${DEFAULT-VALUE}")
  String consumerGroup;

  @Option(
      names = "--concurrency",
      defaultValue = "${env:PLANTLINE_ENERGY_CONCURRENCY:-32}",
      description =
          "devices whose telemetry is handled at once (one device's in order), 1..256;"
              + " default ${DEFAULT-VALUE}")
  String concurrency;

  @Option(
      names = "--sites",
      defaultValue = "${env:PLANTLINE_ENERGY_SITES:-energy-service/config/plant-small-energy.yaml}",
      description =
          "site file (YAML: zone, billing grid, tariff, meters, machines); default ${DEFAULT-VALUE}")
  Path sitesFile;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.err, true)));
  }

  /** Runs the command with errors printed to {@code err}; returns the exit status. */
  public static int execute(String[] args, PrintWriter err) {
    return ServiceCommandLine.execute(new EnergyMain(), args, err);
  }

  /**
   * Validates every option.
   *
   * @throws OptionException naming the first wrong option
   */
  public EnergyConfig config(UnaryOperator<String> environment) {
    KafkaSettings kafkaSettings = kafka.settings(environment);
    CassandraSettings cassandraSettings = cassandra.settings(environment, keyspace);
    ApiTokens tokens = ServiceCommandLine.apiTokens(environment, jwtKeyFile, jwtKeyEnv);
    int port = ServiceCommandLine.httpPort(httpPort);
    ServiceCommandLine.httpHost(httpHost);
    int lanes = ServiceCommandLine.lanes("--concurrency", concurrency);
    var sites = OptionException.check("--sites", () -> EnergyConfigFile.read(sitesFile));
    return OptionException.check(
        "--consumer-group",
        () ->
            new EnergyConfig(
                kafkaSettings,
                cassandraSettings,
                new EnergyApiVerticle.Listen(httpHost, port),
                tokens,
                sites,
                consumerGroup,
                lanes));
  }

  @Override
  public Integer call() throws Exception {
    EnergyConfig config = config(System::getenv);
    EnergyService service = EnergyService.start(config);
    String url = "http://" + config.listen().host() + ":" + service.apiPort();
    LOG.info(
        "{} (kafka {}, cassandra {}, sites {})",
        READY_LINE,
        config.kafka(),
        config.cassandra(),
        config.sites().size());
    ServiceCommandLine.runUntilStopped(
        service,
        READY_LINE + ": API " + url + "/api/v1/energy, OpenAPI " + url + "/openapi.yaml",
        "energy-shutdown");
    return 0;
  }
}
