package io.plantline.simulators.app;

import io.plantline.simulators.adapter.out.mqtt.MqttBrokerSettings;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plantline simulate}: runs a simulated plant until Ctrl-C (or {@code --duration}). */
@Command(
    name = "plantline simulate",
    mixinStandardHelpOptions = true,
    description =
        "Runs simulated Modbus TCP and MQTT devices of a plant, with scenarios and faults.")
public final class SimulatorMain implements java.util.concurrent.Callable<Integer> {
  /** Printed once everything listens; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline simulator is ready";

  @Option(
      names = "--plant",
      required = true,
      description = "plant file, e.g. simulators/plants/plant-small.yaml")
  String plant;

  @Option(
      names = "--scenario",
      description = "scenario file, e.g. simulators/scenarios/bearing-failure.yaml")
  String scenario;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "simulated seconds per real second (default ${DEFAULT-VALUE})")
  double speed;

  @Option(
      names = "--control-port",
      defaultValue = "0",
      description = "port of the REST control API; 0 picks a free one")
  int controlPort;

  @Option(
      names = "--mqtt-url",
      description = "broker for MQTT devices: tcp://host:port or ssl://host:port")
  String mqttUrl;

  @Option(names = "--mqtt-username", defaultValue = "plantline")
  String mqttUsername;

  @Option(
      names = "--mqtt-password-file",
      description = "file holding the MQTT password (or set PLANTLINE_MQTT_PASSWORD)")
  Path mqttPasswordFile;

  @Option(names = "--mqtt-ca", description = "PEM CA certificate for an ssl:// broker")
  String mqttCa;

  @Option(
      names = "--control-token-file",
      description =
          "file holding the control API's bearer token: read if it exists, else a new token is"
              + " written into it (owner-only). With it the token is never printed; without it a"
              + " token is generated and printed for the person at the terminal")
  Path controlTokenFile;

  @Option(names = "--duration", description = "stop after this many seconds of real time")
  Long durationSeconds;

  @Option(
      names = "--served-counter",
      paramLabel = "ADDRESS",
      description =
          "served-read ledger: every Modbus device serves at input registers ADDRESS and"
              + " ADDRESS+1 a uint32 (high word first) counting the reads covering ADDRESS, and"
              + " the control API answers GET /api/v1/ledger; e.g. 9000 (default: off)")
  Integer servedCounter;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, printing a configuration error as one line and exiting with 1. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SimulatorMain());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof ConfigException) {
            cmd.getErr().println("plantline simulate: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  @Override
  public Integer call() throws Exception {
    PlantFile plantFile = PlantFile.load(plant);
    String token = controlTokenFile == null ? newToken() : tokenFromFile(controlTokenFile);
    SimulatorOptions options =
        new SimulatorOptions(
            speed,
            Optional.ofNullable(scenario).map(ScenarioFile::load),
            controlPort,
            token,
            mqttSettings(),
            servedCounter == null ? OptionalInt.empty() : OptionalInt.of(servedCounter));
    Vertx vertx = Vertx.vertx();
    PlantRuntime runtime;
    try {
      runtime =
          PlantRuntime.start(vertx, plantFile, options)
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime
                      .stop()
                      .eventually(vertx::close)
                      .toCompletionStage()
                      .toCompletableFuture()
                      .whenComplete((v, e) -> stopped.countDown());
                  awaitQuietly(stopped);
                },
                "plantline-simulator-shutdown"));
    print(
        System.out,
        runtime,
        controlTokenFile == null ? token : "<the token in " + controlTokenFile + ">",
        options);
    if (durationSeconds != null) {
      Thread.sleep(durationSeconds * 1000);
      return 0;
    }
    stopped.await();
    return 0;
  }

  private Optional<MqttBrokerSettings> mqttSettings() throws java.io.IOException {
    if (mqttUrl == null) {
      return Optional.empty();
    }
    String password =
        mqttPasswordFile != null
            ? Files.readString(mqttPasswordFile).trim()
            : System.getenv("PLANTLINE_MQTT_PASSWORD");
    if (password == null || password.isBlank()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--mqtt-url needs a password: --mqtt-password-file or PLANTLINE_MQTT_PASSWORD");
    }
    return Optional.of(MqttBrokerSettings.fromUrl(mqttUrl, mqttUsername, password, mqttCa));
  }

  private static void print(
      PrintStream out, PlantRuntime runtime, String token, SimulatorOptions options) {
    out.printf(
        "Plant %s: %d devices, tick %d ms%n",
        runtime.plant().name(), runtime.devices().size(), runtime.plant().tick().toMillis());
    out.printf(
        "%-24s %-16s %-12s %-14s %-22s %s%n",
        "device", "model", "site", "area", "modbus endpoint", "unit");
    for (SimulatedDevice d : runtime.devices().values()) {
      String endpoint =
          runtime
              .endpointOf(d.identity().deviceId())
              .map(e -> e.host() + ":" + e.port())
              .orElse("(mqtt)");
      out.printf(
          "%-24s %-16s %-12s %-14s %-22s %d%n",
          d.identity().deviceId(),
          d.identity().model(),
          d.identity().siteId(),
          d.identity().areaId(),
          endpoint,
          d.unitId());
    }
    out.printf(
        "Control API: http://%s:%d/api/v1/plant  (Authorization: Bearer %s)%n",
        runtime.plant().bind(), runtime.controlPort(), token);
    options
        .servedCounterAddress()
        .ifPresent(
            a ->
                out.printf(
                    "Served-read counter: input registers %d..%d (uint32 ABCD),"
                        + " ledger: http://%s:%d/api/v1/ledger%n",
                    a, a + 1, runtime.plant().bind(), runtime.controlPort()));
    out.println(READY_LINE + ". Press Ctrl-C to stop.");
    out.flush();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token in {@code file}; a new one written into it (mode 600) if it does not exist. */
  static String tokenFromFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".control-token", ".tmp");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temp, newToken());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
    String token = Files.readString(file).strip();
    if (token.length() < 16) {
      throw new IllegalArgumentException(
          "--control-token-file: the token in " + file + " is shorter than 16 characters");
    }
    return token;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
