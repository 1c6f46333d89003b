package io.plantline.demo;

import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.EmbeddedServer;
import io.plantline.testkit.cassandra.CassandraOptions;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.kafka.KafkaOptions;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ResidentMemory;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole platform on one machine: the embedded servers (Kafka, Mosquitto, Cassandra, QuestDB) in
 * this JVM or as its children, and every deployable as its own JVM, wired as a plant would wire
 * them: simulated plant → edge gateway (MQTT) → ingestion bridge → Kafka → store writers and the
 * anomaly job → scheduling service; the query API and the console on top.
 *
 * <p>{@link #start} returns once every component answers; {@link #close} stops the components (by
 * their PIDs, newest first) and then the servers. Logs go to {@code <state>/run/logs}; secrets stay
 * in {@code <state>/secrets} across restarts.
 */
public final class PlantDemo implements AutoCloseable {
  /** Printed once everything is up; scripts and tests wait for it. */
  public static final String READY_LINE = "Plantline demo is ready";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final String SITE_OF_GATEWAY_ID = "demo-gw-";
  private static final Component SIMULATOR =
      Component.readyWhenLogged(
          "simulator",
          "simulators",
          "io.plantline.simulators.app.SimulatorMain",
          "384m",
          List.of(),
          "Plantline simulator is ready");

  /**
   * What to run.
   *
   * @param repoRoot the checkout, whose modules were packaged
   * @param stateDir where secrets, logs and the gateway's journal live
   * @param scenario the simulator's scenario file, if any
   * @param speed simulated seconds per real second
   * @param consolePort the console's port, 0 for any free one
   */
  public record Settings(
      Path repoRoot, Path stateDir, Optional<Path> scenario, double speed, int consolePort) {}

  /**
   * Where the running demo answers.
   *
   * @param consoleUrl the console, if it runs
   * @param schedulingUrl the scheduling service's REST API base
   * @param queryApiUrl the telemetry query API base
   * @param simulatorControlUrl the simulator's control API base
   * @param simulatorToken the bearer token of the control API
   * @param kafka the Kafka bootstrap servers
   * @param kafkaLogin the Kafka login
   * @param serviceJwtKey the file holding the services' HS256 secret
   * @param consoleLogins the console's demo users (role → password)
   * @param logs the directory of the components' logs
   */
  public record Endpoints(
      Optional<String> consoleUrl,
      String schedulingUrl,
      String queryApiUrl,
      String simulatorControlUrl,
      String simulatorToken,
      String kafka,
      Credentials kafkaLogin,
      Path serviceJwtKey,
      Map<String, String> consoleLogins,
      Path logs) {}

  private final Settings settings;
  private final List<EmbeddedServer> servers = Collections.synchronizedList(new ArrayList<>());
  private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());

  public PlantDemo(Settings settings) {
    this.settings = settings;
  }

  /**
   * Starts everything and returns once every component is ready; prints progress to {@code out}.
   */
  public Endpoints start(PrintStream out) throws Exception {
    long begin = System.nanoTime();
    Path state = settings.stateDir().toAbsolutePath();
    DemoSecrets secrets = DemoSecrets.loadOrCreate(state);
    Path run = state.resolve("run");
    Path logs = run.resolve("logs");
    deleteRecursively(run);
    Files.createDirectories(logs);

    Path logging = writeLogging(run);
    Wiring wiring = new Wiring(settings.repoRoot().toAbsolutePath(), run, logs, logging);
    boolean withConsole = wiring.isBuilt("console");
    // What needs no server starts while the servers start: the plant and the console's users.
    CompletableFuture<Path> consoleUsers =
        withConsole
            ? CompletableFuture.supplyAsync(() -> ConsoleUsers.ensure(wiring, secrets, run))
            : CompletableFuture.completedFuture(null);
    ChildProcess simulatorProcess = startSimulator(wiring);
    out.println("Starting Kafka, Mosquitto, Cassandra, QuestDB and the simulated plant-small...");
    Servers s = startServers(secrets);
    s.kafka().createTopics(3, Topics.ALL.toArray(String[]::new));
    out.printf("  servers ready after %.1f s%n", seconds(begin));
    SimulatedPlant plant = awaitSimulator(simulatorProcess, out);
    int gatewayPort = LoopbackPorts.next();
    Path gatewayConfig =
        GatewayConfig.write(
            run, plant.devices(), s.mqtt(), secrets, gatewayPort, SITE_OF_GATEWAY_ID + "1");
    int bridgePort = LoopbackPorts.next();
    int writersPort = LoopbackPorts.next();
    int queryPort = LoopbackPorts.next();
    int schedulingPort = LoopbackPorts.next();
    int qualityPort = LoopbackPorts.next();
    int energyPort = LoopbackPorts.next();
    String kafka = s.kafka().bootstrapServers();
    List<String> kafkaArgs =
        List.of(
            "--kafka-bootstrap-servers",
            kafka,
            "--kafka-username",
            secrets.server("kafka").username(),
            "--kafka-password-file",
            secrets.passwordFile("kafka").toString());
    List<String> cassandraArgs =
        List.of(
            "--cassandra-contact-points",
            "127.0.0.1:" + s.cassandra().contactPoint().getPort(),
            "--cassandra-datacenter",
            s.cassandra().localDatacenter(),
            "--cassandra-username",
            secrets.server("cassandra").username(),
            "--cassandra-password-file",
            secrets.passwordFile("cassandra").toString());

    List<Component> services = new ArrayList<>();
    services.add(
        Component.readyAt(
            "gateway",
            "edge-gateway",
            "io.plantline.gateway.app.GatewayMain",
            "256m",
            List.of("--config", gatewayConfig.toString()),
            health(gatewayPort)));
    services.add(
        Component.readyAt(
            "bridge",
            "ingestion",
            "io.plantline.ingestion.app.IngestionMain",
            "256m",
            concat(
                List.of(
                    "bridge",
                    "--mqtt-url",
                    "mqtt://127.0.0.1:" + s.mqtt().port(),
                    "--mqtt-username",
                    secrets.server("mosquitto").username(),
                    "--mqtt-password-file",
                    secrets.passwordFile("mosquitto").toString(),
                    "--http-port",
                    Integer.toString(bridgePort)),
                kafkaArgs),
            health(bridgePort)));
    services.add(
        Component.readyAt(
            "writers",
            "ingestion",
            "io.plantline.ingestion.app.IngestionMain",
            "384m",
            concat(
                List.of(
                    "writers",
                    "--ts-kind",
                    "questdb",
                    "--ts-url",
                    s.questDb().httpUrl(),
                    "--ts-username",
                    secrets.server("questdb").username(),
                    "--ts-password-file",
                    secrets.passwordFile("questdb").toString(),
                    "--http-port",
                    Integer.toString(writersPort)),
                kafkaArgs,
                cassandraArgs),
            health(writersPort)));
    services.add(
        Component.readyAt(
            "query-api",
            "ingestion",
            "io.plantline.ingestion.app.IngestionMain",
            "256m",
            concat(
                List.of(
                    "query-api",
                    "--http-port",
                    Integer.toString(queryPort),
                    "--jwt-key-file",
                    secrets.serviceJwtKey().toString()),
                cassandraArgs),
            health(queryPort)));
    services.add(
        Component.readyWhenLogged(
            "anomaly-job",
            "stream-processing",
            "io.plantline.stream.app.TelemetryAnomalyJobMain",
            "768m",
            List.of(
                "--bootstrap-servers",
                kafka,
                "--kafka-properties",
                secrets.kafkaClientProperties().toString(),
                "--checkpoint-interval",
                "5s",
                "--parallelism",
                "1"),
            "Plantline anomaly job is running"));
    services.add(
        Component.readyAt(
            "scheduling",
            "scheduling-service",
            "io.plantline.scheduling.app.SchedulingMain",
            "384m",
            concat(
                List.of(
                    "--http-port",
                    Integer.toString(schedulingPort),
                    "--jwt-key-file",
                    secrets.serviceJwtKey().toString()),
                kafkaArgs,
                cassandraArgs),
            health(schedulingPort)));
    services.add(
        Component.readyAt(
            "quality",
            "quality-service",
            "io.plantline.quality.app.QualityMain",
            "384m",
            concat(
                List.of(
                    "--characteristics",
                    wiring
                        .repoRoot()
                        .resolve("quality-service/config/plant-small-quality.yaml")
                        .toString(),
                    "--questdb-url",
                    s.questDb().httpUrl(),
                    "--questdb-username",
                    secrets.server("questdb").username(),
                    "--questdb-password-file",
                    secrets.passwordFile("questdb").toString(),
                    "--http-port",
                    Integer.toString(qualityPort),
                    "--jwt-key-file",
                    secrets.serviceJwtKey().toString()),
                kafkaArgs,
                cassandraArgs),
            health(qualityPort)));
    services.add(
        Component.readyAt(
            "energy",
            "energy-service",
            "io.plantline.energy.app.EnergyMain",
            "384m",
            concat(
                List.of(
                    "--sites",
                    wiring
                        .repoRoot()
                        .resolve("energy-service/config/plant-small-energy.yaml")
                        .toString(),
                    "--http-port",
                    Integer.toString(energyPort),
                    "--jwt-key-file",
                    secrets.serviceJwtKey().toString()),
                kafkaArgs,
                cassandraArgs),
            health(energyPort)));
    Optional<String> consoleUrl = Optional.empty();
    if (withConsole) {
      int consolePort = settings.consolePort() == 0 ? LoopbackPorts.next() : settings.consolePort();
      Path users = consoleUsers.join();
      Component console =
          Component.readyAt(
              "console",
              "console",
              "io.plantline.console.app.ConsoleMain",
              "256m",
              concat(
                  List.of(
                      "--http-port",
                      Integer.toString(consolePort),
                      "--users-file",
                      users.toString(),
                      "--jwt-key-file",
                      secrets.consoleJwtKey().toString(),
                      "--service-jwt-key-file",
                      secrets.serviceJwtKey().toString(),
                      "--query-api-url",
                      "http://127.0.0.1:" + queryPort,
                      "--scheduling-url",
                      "http://127.0.0.1:" + schedulingPort,
                      "--quality-url",
                      "http://127.0.0.1:" + qualityPort,
                      "--energy-url",
                      "http://127.0.0.1:" + energyPort,
                      "--gateway-metrics-url",
                      "http://127.0.0.1:" + gatewayPort + "/metrics"),
                  kafkaArgs),
              "http://127.0.0.1:" + consolePort + "/");
      services.add(console);
      consoleUrl = Optional.of("http://127.0.0.1:" + consolePort + "/");
    } else {
      out.println("  console: not built (module console has no classes); skipped");
    }
    out.println(
        "Starting the gateway, ingestion, the anomaly job, the scheduling, quality and energy"
            + " services and the console...");
    startAll(wiring, services, out);

    Endpoints endpoints =
        new Endpoints(
            consoleUrl,
            "http://127.0.0.1:" + schedulingPort,
            "http://127.0.0.1:" + queryPort,
            plant.controlUrl(),
            plant.controlToken(),
            kafka,
            secrets.server("kafka"),
            secrets.serviceJwtKey(),
            secrets.consoleLogins(),
            logs);
    report(out, endpoints, begin, state);
    return endpoints;
  }

  /** The child processes of the demo, in start order. */
  public List<ChildProcess> processes() {
    synchronized (children) {
      return List.copyOf(children);
    }
  }

  /** Stops the components newest first, by their PIDs, then the servers. */
  @Override
  public void close() {
    List<ChildProcess> toStop;
    synchronized (children) {
      toStop = new ArrayList<>(children);
      children.clear();
    }
    Collections.reverse(toStop);
    for (ChildProcess child : toStop) {
      child.stop(Duration.ofSeconds(15));
    }
    List<EmbeddedServer> serversToStop;
    synchronized (servers) {
      serversToStop = new ArrayList<>(servers);
      servers.clear();
    }
    Collections.reverse(serversToStop);
    for (EmbeddedServer server : serversToStop) {
      try {
        server.close();
      } catch (RuntimeException e) {
        System.err.println(server.name() + " did not stop cleanly: " + e.getMessage());
      }
    }
  }

  private record Servers(
      KafkaServer kafka, MosquittoServer mqtt, CassandraServer cassandra, QuestDbServer questDb) {}

  private Servers startServers(DemoSecrets secrets) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CompletableFuture<CassandraServer> cassandra =
          startAsync(
              pool,
              () ->
                  CassandraServer.start(
                      CassandraOptions.defaults().withApplication(secrets.server("cassandra"))));
      CompletableFuture<KafkaServer> kafka =
          startAsync(
              pool,
              () -> KafkaServer.start(KafkaOptions.defaults().withClient(secrets.server("kafka"))));
      CompletableFuture<MosquittoServer> mqtt =
          startAsync(
              pool,
              () ->
                  MosquittoServer.start(
                      MosquittoOptions.defaults().withUsers(List.of(secrets.server("mosquitto")))));
      CompletableFuture<QuestDbServer> questDb =
          startAsync(pool, () -> QuestDbServer.start(secrets.server("questdb")));
      return new Servers(kafka.join(), mqtt.join(), cassandra.join(), questDb.join());
    } finally {
      pool.shutdown();
    }
  }

  private <T extends EmbeddedServer> CompletableFuture<T> startAsync(
      ExecutorService pool, Supplier<T> starter) {
    return CompletableFuture.supplyAsync(
        () -> {
          T server = starter.get();
          servers.add(server);
          return server;
        },
        pool);
  }

  private ChildProcess startSimulator(Wiring wiring) {
    Path plantFile = wiring.repoRoot().resolve("simulators/plants/plant-small.yaml");
    int controlPort = LoopbackPorts.next();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--plant",
            plantFile.toString(),
            "--speed",
            Double.toString(settings.speed()),
            "--control-port",
            Integer.toString(controlPort)));
    settings
        .scenario()
        .ifPresent(scenario -> args.addAll(List.of("--scenario", scenario.toString())));
    ChildProcess child = wiring.launch(SIMULATOR.withArgs(args));
    children.add(child);
    return child;
  }

  private SimulatedPlant awaitSimulator(ChildProcess child, PrintStream out) throws Exception {
    long begin = System.nanoTime();
    Readiness.await(SIMULATOR, child, READY_TIMEOUT);
    out.printf("  %-12s ready (pid %d, %.1f s more)%n", "simulator", child.pid(), seconds(begin));
    return SimulatedPlant.parse(Files.readString(child.logFile(), StandardCharsets.UTF_8));
  }

  private List<ChildProcess> startAll(Wiring wiring, List<Component> components, PrintStream out)
      throws Exception {
    List<ChildProcess> started = new ArrayList<>();
    for (Component component : components) {
      ChildProcess child = wiring.launch(component);
      children.add(child);
      started.add(child);
    }
    for (int i = 0; i < components.size(); i++) {
      long begin = System.nanoTime();
      Readiness.await(components.get(i), started.get(i), READY_TIMEOUT);
      out.printf(
          "  %-12s ready (pid %d, %.1f s)%n",
          components.get(i).name(), started.get(i).pid(), seconds(begin));
    }
    return started;
  }

  private void report(PrintStream out, Endpoints endpoints, long begin, Path state) {
    long rss = ResidentMemory.ofPid(ProcessHandle.current().pid());
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      long bytes = ResidentMemory.ofPid(p.pid());
      rss += Math.max(0, bytes);
    }
    out.println();
    endpoints.consoleUrl().ifPresent(url -> out.println("Console:            " + url));
    out.println(
        "Console logins:     "
            + endpoints.consoleLogins().keySet().stream().collect(Collectors.joining(", "))
            + " (passwords in "
            + state.resolve("secrets")
            + "/console-<user>.password)");
    out.println("Work orders API:    " + endpoints.schedulingUrl() + "/api/v1/work-orders");
    out.println("Telemetry API:      " + endpoints.queryApiUrl() + "/api/v1/devices");
    out.println("Simulator control:  " + endpoints.simulatorControlUrl());
    out.println("Logs:               " + endpoints.logs());
    out.printf(
        "Started in %.1f s; %d processes, %.0f MiB resident in all%n",
        seconds(begin), 1 + ProcessHandle.current().descendants().count(), rss / 1048576.0);
    settings
        .scenario()
        .ifPresent(
            scenario ->
                out.println(
                    "Scenario "
                        + scenario.getFileName()
                        + ": watch the console's alarms; a work order follows."));
    out.println(READY_LINE + ". Press Ctrl-C to stop.");
    out.flush();
  }

  private static String health(int port) {
    return "http://127.0.0.1:" + port + "/health/ready";
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static double seconds(long beginNanos) {
    return (System.nanoTime() - beginNanos) / 1e9;
  }

  private static Path writeLogging(Path run) throws IOException {
    Path file = run.resolve("log4j2-component.xml");
    Files.writeString(
        file,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Logging of each demo component: its own log file (stdout), INFO and up. -->
        <Configuration status="warn">
          <Appenders>
            <Console name="stdout" target="SYSTEM_OUT">
              <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %logger{1} %msg%n"/>
            </Console>
          </Appenders>
          <Loggers>
            <Logger name="org.apache.flink" level="warn"/>
            <Logger name="org.apache.kafka" level="warn"/>
            <Logger name="com.datastax" level="warn"/>
            <Logger name="io.netty" level="warn"/>
            <Root level="info">
              <AppenderRef ref="stdout"/>
            </Root>
          </Loggers>
        </Configuration>
        """,
        StandardCharsets.UTF_8);
    return file;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** How components are launched: class paths from the checkout, logs and logging config. */
  record Wiring(Path repoRoot, Path run, Path logs, Path logging) {

    boolean isBuilt(String module) {
      return Files.isDirectory(repoRoot.resolve(module).resolve("target/classes/io"))
          && Files.isRegularFile(repoRoot.resolve(module).resolve("target/runtime.classpath"));
    }

    String classpath(String module) {
      Path target = repoRoot.resolve(module).resolve("target");
      try {
        return target.resolve("classes")
            + ":"
            + Files.readString(target.resolve("runtime.classpath"), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "module " + module + " is not packaged (./mvnw -pl " + module + " -am package)", e);
      }
    }

    ChildProcess launch(Component component) {
      return ForkedJvm.start(
          component.name(),
          List.of(
              "-Xmx" + component.heap(),
              "-XX:+UseSerialGC",
              "-Dlog4j2.configurationFile=" + logging),
          classpath(component.module()),
          component.mainClass(),
          component.args(),
          repoRoot,
          logs.resolve(component.name() + ".log"));
    }
  }

  /** Polls what tells a component is ready. */
  static final class Readiness {
    private Readiness() {}

    static void await(Component component, ChildProcess child, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!child.isAlive()) {
          throw new IllegalStateException(
              component.name()
                  + " exited with "
                  + child.exitValue()
                  + "; its log ends:\n"
                  + child.logTail(30));
        }
        if (isReady(component, child)) {
          return;
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException(
          component.name()
              + " not ready within "
              + timeout.toSeconds()
              + " s; its log ends:\n"
              + child.logTail(30));
    }

    private static boolean isReady(Component component, ChildProcess child) {
      if (component.readyUrl().isPresent()) {
        try {
          return LoopbackHttp.sendForString(
                      HttpRequest.newBuilder(URI.create(component.readyUrl().get()))
                          .timeout(Duration.ofSeconds(2))
                          .build())
                  .statusCode()
              == 200;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      try {
        return Files.exists(child.logFile())
            && Files.readString(child.logFile(), StandardCharsets.ISO_8859_1)
                .contains(component.readyLine().orElseThrow());
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** The simulator's devices as it printed them, and its control API. */
  record SimulatedPlant(List<PlantDevice> devices, String controlUrl, String controlToken) {

    static SimulatedPlant parse(String log) {
      List<PlantDevice> devices = new ArrayList<>();
      String controlUrl = null;
      String token = null;
      for (String line : log.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (line.startsWith("Control API: ")) {
          controlUrl = f[2].replace("/api/v1/plant", "");
          token = f[f.length - 1].replace(")", "");
        } else if (f.length == 6 && f[4].matches("127\\.0\\.0\\.1:\\d+") && f[5].matches("\\d+")) {
          devices.add(new PlantDevice(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5])));
        }
      }
      if (controlUrl == null || devices.isEmpty()) {
        throw new IllegalStateException("the simulator printed no device table:\n" + log);
      }
      return new SimulatedPlant(devices, controlUrl, token);
    }
  }

  /** One Modbus device of the simulated plant. */
  record PlantDevice(
      String deviceId, String model, String siteId, String areaId, String endpoint, int unitId) {}

  /** The edge gateway's configuration for the simulated plant. */
  static final class GatewayConfig {
    private GatewayConfig() {}

    static Path write(
        Path run,
        List<PlantDevice> devices,
        MosquittoServer mqtt,
        DemoSecrets secrets,
        int httpPort,
        String gatewayId)
        throws IOException {
      Map<String, List<PlantDevice>> bySite =
          devices.stream()
              .collect(
                  Collectors.groupingBy(
                      PlantDevice::siteId, LinkedHashMap::new, Collectors.toList()));
      if (bySite.size() != 1) {
        throw new IllegalStateException(
            "the demo runs one gateway for one site: " + bySite.keySet());
      }
      String site = bySite.keySet().iterator().next();
      StringBuilder yaml = new StringBuilder();
      yaml.append("# Written by the demo for this run.\n")
          .append("gateway: {id: ")
          .append(gatewayId)
          .append(", site: ")
          .append(site)
          .append("}\n")
          .append("defaults: {timeout: 1s, retries: 1, maxSilence: 30s}\n")
          .append("devices:\n");
      for (PlantDevice d : devices) {
        yaml.append("  - {id: ")
            .append(d.deviceId())
            .append(", area: ")
            .append(d.areaId())
            .append(", endpoint: '")
            .append(d.endpoint())
            .append("', unitId: ")
            .append(d.unitId())
            .append(", registerMap: ")
            .append(d.model())
            .append("}\n");
      }
      yaml.append("uplinks:\n  mqtt: {url: 'tcp://127.0.0.1:")
          .append(mqtt.port())
          .append("', username: ")
          .append(secrets.server("mosquitto").username())
          .append(", passwordFile: '")
          .append(secrets.passwordFile("mosquitto"))
          .append("'}\n")
          .append("journal: {directory: '")
          .append(run.resolve("journal"))
          .append("'}\n")
          .append("http: {bind: 127.0.0.1, port: ")
          .append(httpPort)
          .append("}\n");
      Path file = run.resolve("gateway.yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    }
  }

  /** The console's users file, made with the console's own {@code add-user} command. */
  static final class ConsoleUsers {
    private ConsoleUsers() {}

    static Path ensure(Wiring wiring, DemoSecrets secrets, Path run) {
      Path users = run.getParent().resolve("secrets").resolve("console-users.json");
      if (Files.exists(users)) {
        return users;
      }
      Path partial = users.resolveSibling("console-users.json.partial");
      try {
        Files.deleteIfExists(partial);
        addUsers(wiring, secrets, partial);
        Files.move(partial, users); // all users or none
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the console users " + users, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating the console users", e);
      }
      return users;
    }

    private static void addUsers(Wiring wiring, DemoSecrets secrets, Path users)
        throws InterruptedException {
      for (String role : DemoSecrets.CONSOLE_ROLES) {
        List<String> args =
            List.of(
                "add-user",
                "--users-file",
                users.toString(),
                "--username",
                role,
                "--password-file",
                secrets.consolePasswordFile(role).toString(),
                "--role",
                role,
                "--site",
                "site-1");
        ChildProcess adding =
            wiring.launch(
                Component.readyWhenLogged(
                    "console-add-user-" + role,
                    "console",
                    "io.plantline.console.app.ConsoleMain",
                    "128m",
                    args,
                    "unused"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (adding.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        if (adding.isAlive() || adding.exitValue() != 0) {
          adding.stop(Duration.ofSeconds(5));
          throw new IllegalStateException(
              "console add-user " + role + " failed:\n" + adding.logTail(20));
        }
      }
    }
  }
}
