package io.plantline.demo;

import io.plantline.contracts.store.CassandraGrants;
import io.plantline.contracts.topic.KafkaGrants;
import io.plantline.contracts.topic.MqttAccessList;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
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

  /** The ingestion bridge's MQTT user: reads all telemetry and status, publishes nothing. */
  static final String BRIDGE_MQTT_USER = "ingestion-bridge";

  /** The console's broker user: a commander of every site, for operators' setpoints. */
  static final String CONSOLE_MQTT_USER = "console";

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
      Path repoRoot,
      Path stateDir,
      Optional<Path> scenario,
      double speed,
      int consolePort,
      Topology topology) {

    /** The demo's own plant: {@link Topology#demo()}. */
    public Settings(
        Path repoRoot, Path stateDir, Optional<Path> scenario, double speed, int consolePort) {
      this(repoRoot, stateDir, scenario, speed, consolePort, Topology.demo());
    }
  }

  /**
   * The shape of the simulated plant and of the edge.
   *
   * @param plantFile the simulator's plant file, relative to the checkout or absolute
   * @param gatewaysPerSite edge gateways per site; a site's devices are split among them in turn
   * @param journalFsync the gateways' journal fsync policy, {@code always} or {@code interval}
   * @param servedCounterAddress if present, the simulator's served-read counter (an input register)
   *     is served by every device and polled as the point {@value #SERVED_READS_POINT} with the
   *     fast poll class (a soak's ground truth)
   * @param fastPoll the fast poll class of every device, if not the register map's
   * @param businessServices whether the quality and energy services run (configured for
   *     plant-small)
   * @param console whether the console runs (if built)
   * @param consoleSites the sites the console's demo users may see
   */
  public record Topology(
      Path plantFile,
      int gatewaysPerSite,
      String journalFsync,
      OptionalInt servedCounterAddress,
      Optional<Duration> fastPoll,
      boolean businessServices,
      boolean console,
      List<String> consoleSites) {

    /** The point under which gateways report the simulator's served-read counter. */
    public static final String SERVED_READS_POINT = "sim_served_reads";

    public Topology {
      consoleSites = List.copyOf(consoleSites);
      if (gatewaysPerSite < 1) {
        throw new IllegalArgumentException("gatewaysPerSite must be >= 1, was " + gatewaysPerSite);
      }
      if (!journalFsync.equals("always") && !journalFsync.equals("interval")) {
        throw new IllegalArgumentException(
            "journalFsync must be always or interval, was " + journalFsync);
      }
    }

    /** plant-small behind one gateway, every service and the console. */
    public static Topology demo() {
      return new Topology(
          Path.of("simulators/plants/plant-small.yaml"),
          1,
          "interval",
          OptionalInt.empty(),
          Optional.empty(),
          true,
          true,
          List.of("site-1"));
    }
  }

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
   * @param gatewayUrls each edge gateway's HTTP base (health, metrics), by component name
   * @param gatewayOfDevice the gateway (component name) that polls each device
   * @param questDbLogin the QuestDB login
   * @param cassandraLogin the Cassandra application login
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
      Path logs,
      Map<String, String> gatewayUrls,
      Map<String, String> gatewayOfDevice,
      Credentials questDbLogin,
      Credentials cassandraLogin) {}

  private final Settings settings;
  private final List<EmbeddedServer> servers = Collections.synchronizedList(new ArrayList<>());
  private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Component> components = new ConcurrentHashMap<>();
  private volatile Wiring wiring;
  private volatile Servers running;

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
    this.wiring = wiring;
    boolean withConsole = settings.topology().console() && wiring.isBuilt("console");
    // What needs no server starts while the servers start: the plant and the console's users.
    CompletableFuture<Path> consoleUsers =
        withConsole
            ? CompletableFuture.supplyAsync(
                () -> ConsoleUsers.ensure(wiring, secrets, run, settings.topology().consoleSites()))
            : CompletableFuture.completedFuture(null);
    ChildProcess simulatorProcess = startSimulator(wiring, secrets);
    out.println(
        "Starting Kafka, Mosquitto, Cassandra, QuestDB and the simulated "
            + settings.topology().plantFile().getFileName()
            + "...");
    // The broker's access list needs the plant's devices and their gateways: Mosquitto starts
    // once the simulator answers, while the other servers are already starting.
    Servers s =
        startServers(
            secrets,
            () -> awaitSimulator(simulatorProcess, secrets.simulatorControlToken(), out),
            settings.topology());
    this.running = s;
    SimulatedPlant plant = s.plant();
    s.kafka().createTopics(3, Topics::config, Topics.ALL.toArray(String[]::new));
    // One Kafka principal per component, each granted only what it uses (KafkaGrants).
    for (KafkaGrants.Grant grant : KafkaGrants.COMPONENTS) {
      s.kafka().addUser(secrets.kafkaLogin(KafkaAccess.principal(grant.component())));
    }
    s.kafka().allow(KafkaAccess.acls());
    out.printf("  servers ready after %.1f s%n", seconds(begin));
    List<GatewayConfig.Gateway> gateways =
        GatewayConfig.write(
            wiring.repoRoot(), run, s.gateways(), settings.topology(), s.mqtt(), secrets);
    int bridgePort = LoopbackPorts.next();
    int writersPort = LoopbackPorts.next();
    int queryPort = LoopbackPorts.next();
    int schedulingPort = LoopbackPorts.next();
    int qualityPort = LoopbackPorts.next();
    int energyPort = LoopbackPorts.next();
    String kafka = s.kafka().bootstrapServers();
    Path kafkaCa = s.kafka().caCertificate().orElseThrow();
    // The login options every Kafka client takes, the services and the anomaly job alike.
    Function<String, List<String>> kafkaLogin =
        component ->
            List.of(
                "--kafka-username",
                KafkaAccess.principal(component),
                "--kafka-password-file",
                secrets.kafkaPasswordFile(component).toString(),
                "--kafka-sasl-mechanism",
                "SCRAM-SHA-512",
                "--kafka-ca-file",
                kafkaCa.toString());
    Function<String, List<String>> kafkaArgs =
        component ->
            concat(List.of("--kafka-bootstrap-servers", kafka), kafkaLogin.apply(component));
    CassandraRoles.ensure(s.cassandra(), secrets);
    Function<String, List<String>> cassandraArgs =
        component -> {
          CassandraGrants.Grant grant = CassandraGrants.of(component);
          return List.of(
              "--cassandra-contact-points",
              "127.0.0.1:" + s.cassandra().contactPoint().getPort(),
              "--cassandra-datacenter",
              s.cassandra().localDatacenter(),
              "--cassandra-username",
              grant.role(),
              "--cassandra-password-file",
              secrets.cassandraPasswordFile(grant.role()).toString());
        };

    List<Component> services = new ArrayList<>();
    for (GatewayConfig.Gateway gateway : gateways) {
      services.add(
          Component.readyAt(
              gateway.name(),
              "edge-gateway",
              "io.plantline.gateway.app.GatewayMain",
              "256m",
              List.of("--config", gateway.configFile().toString()),
              health(gateway.httpPort())));
    }
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
                    "mqtts://127.0.0.1:" + s.mqtt().tlsPort().orElseThrow(),
                    "--mqtt-ca-file",
                    s.mqtt().caCertificate().orElseThrow().toString(),
                    "--mqtt-username",
                    BRIDGE_MQTT_USER,
                    "--mqtt-password-file",
                    secrets.mqttPasswordFile(BRIDGE_MQTT_USER).toString(),
                    "--http-port",
                    Integer.toString(bridgePort)),
                kafkaArgs.apply("bridge")),
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
                kafkaArgs.apply("writers"),
                cassandraArgs.apply("writers")),
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
                cassandraArgs.apply("query-api")),
            health(queryPort)));
    services.add(
        Component.readyWhenLogged(
            "anomaly-job",
            "stream-processing",
            "io.plantline.stream.app.TelemetryAnomalyJobMain",
            "768m",
            concat(
                List.of(
                    "--bootstrap-servers",
                    kafka,
                    "--checkpoint-interval",
                    "5s",
                    "--checkpoint-dir",
                    run.resolve("checkpoints").resolve("anomaly-job").toString(),
                    "--parallelism",
                    "1"),
                kafkaLogin.apply("anomaly-job")),
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
                kafkaArgs.apply("scheduling"),
                cassandraArgs.apply("scheduling")),
            health(schedulingPort)));
    if (settings.topology().businessServices()) {
      services.add(
          qualityService(
              wiring,
              s,
              secrets,
              kafkaArgs.apply("quality"),
              cassandraArgs.apply("quality"),
              qualityPort));
      services.add(
          energyService(
              wiring,
              secrets,
              kafkaArgs.apply("energy"),
              cassandraArgs.apply("energy"),
              energyPort));
    }
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
                      "--audit-log",
                      state.resolve("audit").resolve("console-audit.jsonl").toString(),
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
                      "http://127.0.0.1:" + gateways.get(0).httpPort() + "/metrics",
                      "--mqtt-url",
                      "mqtts://127.0.0.1:" + s.mqtt().tlsPort().orElseThrow(),
                      "--mqtt-ca-file",
                      s.mqtt().caCertificate().orElseThrow().toString(),
                      "--mqtt-username",
                      CONSOLE_MQTT_USER,
                      "--mqtt-password-file",
                      secrets.mqttPasswordFile(CONSOLE_MQTT_USER).toString()),
                  kafkaArgs.apply("console")),
              "http://127.0.0.1:" + consolePort + "/");
      services.add(console);
      consoleUrl = Optional.of("http://127.0.0.1:" + consolePort + "/");
    } else {
      out.println("  console: not built or not wanted; skipped");
    }
    out.println(
        "Starting "
            + services.stream().map(Component::name).collect(Collectors.joining(", "))
            + "...");
    // The bridge subscribes first: a broker keeps what gateways publish only for sessions that
    // exist, so telemetry sent before the bridge's first subscription would have nowhere to go.
    List<Component> bridgeFirst = services.stream().filter(c -> c.name().equals("bridge")).toList();
    startAll(wiring, bridgeFirst, out);
    startAll(wiring, services.stream().filter(c -> !bridgeFirst.contains(c)).toList(), out);

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
            logs,
            gateways.stream()
                .collect(
                    Collectors.toMap(
                        GatewayConfig.Gateway::name,
                        g -> "http://127.0.0.1:" + g.httpPort(),
                        (a, b) -> a,
                        LinkedHashMap::new)),
            gateways.stream()
                .flatMap(g -> g.devices().stream().map(d -> Map.entry(d.deviceId(), g.name())))
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)),
            secrets.server("questdb"),
            secrets.server("cassandra"));
    report(out, endpoints, begin, state);
    return endpoints;
  }

  private static Component qualityService(
      Wiring wiring,
      Servers s,
      DemoSecrets secrets,
      List<String> kafkaArgs,
      List<String> cassandraArgs,
      int port) {
    return Component.readyAt(
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
                Integer.toString(port),
                "--jwt-key-file",
                secrets.serviceJwtKey().toString()),
            kafkaArgs,
            cassandraArgs),
        health(port));
  }

  private static Component energyService(
      Wiring wiring,
      DemoSecrets secrets,
      List<String> kafkaArgs,
      List<String> cassandraArgs,
      int port) {
    return Component.readyAt(
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
                Integer.toString(port),
                "--jwt-key-file",
                secrets.serviceJwtKey().toString()),
            kafkaArgs,
            cassandraArgs),
        health(port));
  }

  /** The child processes of the demo, in start order. */
  public List<ChildProcess> processes() {
    synchronized (children) {
      return List.copyOf(children);
    }
  }

  /** The names of the components started, e.g. simulator, gateway, bridge, anomaly-job. */
  public Set<String> componentNames() {
    return Set.copyOf(components.keySet());
  }

  /** The current process of a component. */
  public ChildProcess process(String name) {
    Component component = component(name);
    synchronized (children) {
      for (int i = children.size() - 1; i >= 0; i--) {
        if (children.get(i).name().equals(component.name())) {
          return children.get(i);
        }
      }
    }
    throw new IllegalStateException(name + " has no process");
  }

  /** SIGKILL of a component's process: no shutdown hook runs, as in a power cut or an OOM kill. */
  public void kill(String name) {
    process(name).kill();
  }

  /**
   * Starts a component again with the same command line (after {@link #kill} or a crash; a live one
   * is stopped first) and waits until it is ready.
   *
   * @return how long the new process took to become ready
   */
  public Duration restart(String name) throws InterruptedException {
    Component component = component(name);
    ChildProcess old = process(name);
    if (old.isAlive()) {
      old.stop(Duration.ofSeconds(15));
    }
    long begin = System.nanoTime();
    long logBefore = Readiness.logLength(old);
    ChildProcess next = wiring.launch(component);
    synchronized (children) {
      children.set(children.indexOf(old), next);
    }
    Readiness.await(component, next, READY_TIMEOUT, logBefore);
    return Duration.ofNanos(System.nanoTime() - begin);
  }

  /** The Kafka broker, for fault injection. */
  public KafkaServer kafka() {
    return started().kafka();
  }

  /** The MQTT broker, for fault injection. */
  public MosquittoServer mqtt() {
    return started().mqtt();
  }

  /** The Cassandra node, for fault injection and read-backs. */
  public CassandraServer cassandra() {
    return started().cassandra();
  }

  /** The time-series server. */
  public QuestDbServer questDb() {
    return started().questDb();
  }

  private Servers started() {
    Servers s = running;
    if (s == null) {
      throw new IllegalStateException("the demo's servers are not started");
    }
    return s;
  }

  private Component component(String name) {
    Component component = components.get(name);
    if (component == null) {
      throw new IllegalArgumentException(
          "no component '" + name + "'; the demo runs " + new TreeSet<>(components.keySet()));
    }
    return component;
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
      KafkaServer kafka,
      MosquittoServer mqtt,
      CassandraServer cassandra,
      QuestDbServer questDb,
      SimulatedPlant plant,
      List<GatewayConfig.Planned> gateways) {}

  /**
   * Mosquitto with its TLS listener only, a user per gateway and one for the bridge (passwords
   * generated into the secrets), and the access list {@link MqttAccessList} derives from the
   * gateways' devices: a gateway publishes only for its own devices, the bridge only reads.
   */
  private static MosquittoServer startBroker(
      DemoSecrets secrets, List<GatewayConfig.Planned> gateways) {
    List<Credentials> users = new ArrayList<>();
    List<MqttAccessList.Gateway> grants = new ArrayList<>();
    for (GatewayConfig.Planned g : gateways) {
      users.add(secrets.mqttLogin(g.name()));
      grants.add(
          new MqttAccessList.Gateway(
              g.name(),
              g.gatewayId(),
              g.siteId(),
              g.devices().stream()
                  .map(d -> new MqttAccessList.Device(d.areaId(), d.deviceId()))
                  .toList()));
    }
    users.add(secrets.mqttLogin(BRIDGE_MQTT_USER));
    users.add(secrets.mqttLogin(CONSOLE_MQTT_USER));
    List<String> sites = gateways.stream().map(GatewayConfig.Planned::siteId).distinct().toList();
    MqttAccessList acl =
        new MqttAccessList(
            grants,
            List.of(BRIDGE_MQTT_USER),
            List.of(new MqttAccessList.Commander(CONSOLE_MQTT_USER, sites)));
    return MosquittoServer.start(
        MosquittoOptions.defaults().withUsers(users).withAcl(acl.mosquittoAclFile()).tlsOnly());
  }

  /**
   * Kafka, Cassandra and QuestDB start at once; Mosquitto once {@code simulator} answers, since its
   * access list is made from the plant's devices and their gateways.
   */
  private Servers startServers(
      DemoSecrets secrets, Callable<SimulatedPlant> simulator, Topology topology) throws Exception {
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
              () ->
                  KafkaServer.start(
                      KafkaOptions.defaults().withClient(secrets.server("kafka")).withSecurity()));
      CompletableFuture<QuestDbServer> questDb =
          startAsync(pool, () -> QuestDbServer.start(secrets.server("questdb")));
      SimulatedPlant plant;
      try {
        plant = simulator.call();
      } catch (Exception e) {
        // Let the servers finish starting, so that close() finds and stops every one of them.
        CompletableFuture.allOf(kafka, cassandra, questDb).handle((v, x) -> null).join();
        throw e;
      }
      List<GatewayConfig.Planned> gateways = GatewayConfig.plan(plant.devices(), topology);
      CompletableFuture<MosquittoServer> mqtt =
          startAsync(pool, () -> startBroker(secrets, gateways));
      return new Servers(
          kafka.join(), mqtt.join(), cassandra.join(), questDb.join(), plant, gateways);
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

  private ChildProcess startSimulator(Wiring wiring, DemoSecrets secrets) {
    Path plantFile = wiring.repoRoot().resolve(settings.topology().plantFile());
    int controlPort = LoopbackPorts.next();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--plant",
            plantFile.toString(),
            "--speed",
            Double.toString(settings.speed()),
            "--control-port",
            Integer.toString(controlPort),
            "--control-token-file",
            secrets.simulatorControlToken().toString()));
    settings
        .scenario()
        .ifPresent(scenario -> args.addAll(List.of("--scenario", scenario.toString())));
    settings
        .topology()
        .servedCounterAddress()
        .ifPresent(address -> args.addAll(List.of("--served-counter", Integer.toString(address))));
    Component simulator = SIMULATOR.withArgs(args);
    ChildProcess child = wiring.launch(simulator);
    components.put(simulator.name(), simulator);
    children.add(child);
    return child;
  }

  private SimulatedPlant awaitSimulator(ChildProcess child, Path tokenFile, PrintStream out)
      throws Exception {
    long begin = System.nanoTime();
    Readiness.await(SIMULATOR, child, READY_TIMEOUT);
    out.printf("  %-12s ready (pid %d, %.1f s more)%n", "simulator", child.pid(), seconds(begin));
    return SimulatedPlant.parse(
        Files.readString(child.logFile(), StandardCharsets.UTF_8),
        Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
  }

  private List<ChildProcess> startAll(Wiring wiring, List<Component> components, PrintStream out)
      throws Exception {
    List<ChildProcess> started = new ArrayList<>();
    for (Component component : components) {
      ChildProcess child = wiring.launch(component);
      this.components.put(component.name(), component);
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
      await(component, child, timeout, 0);
    }

    /** The length of a child's log so far (a restarted child appends to the same file). */
    static long logLength(ChildProcess child) {
      try {
        return Files.exists(child.logFile()) ? Files.size(child.logFile()) : 0;
      } catch (IOException e) {
        return 0;
      }
    }

    /** Waits for readiness, looking for a ready line only after {@code logOffset} bytes. */
    static void await(Component component, ChildProcess child, Duration timeout, long logOffset)
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
        if (isReady(component, child, logOffset)) {
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

    private static boolean isReady(Component component, ChildProcess child, long logOffset) {
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
        if (!Files.exists(child.logFile())) {
          return false;
        }
        String log = Files.readString(child.logFile(), StandardCharsets.ISO_8859_1);
        return log.length() > logOffset
            && log.substring((int) logOffset).contains(component.readyLine().orElseThrow());
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** The simulator's devices as it printed them, and its control API. */
  record SimulatedPlant(List<PlantDevice> devices, String controlUrl, String controlToken) {

    /** The device table and control URL the simulator printed; its token is in a file. */
    static SimulatedPlant parse(String log, String token) {
      List<PlantDevice> devices = new ArrayList<>();
      String controlUrl = null;
      for (String line : log.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (line.startsWith("Control API: ")) {
          controlUrl = f[2].replace("/api/v1/plant", "");
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

  /**
   * The edge gateways' configurations for the simulated plant: each site's devices split in turn
   * among its gateways, each gateway with its own journal and HTTP port.
   */
  static final class GatewayConfig {
    private static final String BUILT_IN_MAPS =
        "register-maps/src/main/resources/io/plantline/registermap/devices";

    private GatewayConfig() {}

    /** One gateway: its component name, id, site, devices, HTTP port and configuration file. */
    record Gateway(
        String name,
        String gatewayId,
        String siteId,
        List<PlantDevice> devices,
        int httpPort,
        Path configFile) {}

    /** A gateway before its configuration is written: name (also its MQTT user), id, devices. */
    record Planned(String name, String gatewayId, String siteId, List<PlantDevice> devices) {}

    /** Each site's devices dealt among {@code gatewaysPerSite} gateways. */
    static List<Planned> plan(List<PlantDevice> devices, Topology topology) {
      Map<String, List<PlantDevice>> bySite =
          devices.stream()
              .collect(
                  Collectors.groupingBy(
                      PlantDevice::siteId, LinkedHashMap::new, Collectors.toList()));
      boolean single = bySite.size() == 1 && topology.gatewaysPerSite() == 1;
      List<Planned> gateways = new ArrayList<>();
      int number = 0;
      for (Map.Entry<String, List<PlantDevice>> site : bySite.entrySet()) {
        for (int g = 0; g < topology.gatewaysPerSite(); g++) {
          number++;
          List<PlantDevice> own = new ArrayList<>();
          for (int i = g; i < site.getValue().size(); i += topology.gatewaysPerSite()) {
            own.add(site.getValue().get(i));
          }
          if (!own.isEmpty()) {
            String name = single ? "gateway" : "gateway-" + site.getKey() + "-" + (g + 1);
            gateways.add(
                new Planned(name, SITE_OF_GATEWAY_ID + number, site.getKey(), List.copyOf(own)));
          }
        }
      }
      return gateways;
    }

    static List<Gateway> write(
        Path repoRoot,
        Path run,
        List<Planned> planned,
        Topology topology,
        MosquittoServer mqtt,
        DemoSecrets secrets)
        throws IOException {
      if (topology.servedCounterAddress().isPresent()) {
        writeCountingMaps(
            repoRoot, run, planned.stream().flatMap(g -> g.devices().stream()).toList(), topology);
      }
      List<Gateway> gateways = new ArrayList<>();
      for (Planned g : planned) {
        Path file = run.resolve(g.name() + ".yaml");
        int port = LoopbackPorts.next();
        Files.writeString(
            file,
            yaml(
                run,
                g.name(),
                g.gatewayId(),
                g.siteId(),
                g.devices(),
                topology,
                mqtt,
                secrets,
                port),
            StandardCharsets.UTF_8);
        gateways.add(new Gateway(g.name(), g.gatewayId(), g.siteId(), g.devices(), port, file));
      }
      return gateways;
    }

    private static String yaml(
        Path run,
        String name,
        String gatewayId,
        String site,
        List<PlantDevice> devices,
        Topology topology,
        MosquittoServer mqtt,
        DemoSecrets secrets,
        int httpPort) {
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
            .append(
                topology.servedCounterAddress().isPresent()
                    ? "'register-maps/" + d.model() + ".yaml'"
                    : d.model());
        topology
            .fastPoll()
            .ifPresent(
                period ->
                    yaml.append(", pollClasses: {fast: ").append(period.toMillis()).append("ms}"));
        yaml.append("}\n");
      }
      String journal = name.equals("gateway") ? "journal" : "journal-" + name;
      yaml.append("uplinks:\n  mqtt: {url: 'ssl://127.0.0.1:")
          .append(mqtt.tlsPort().orElseThrow())
          .append("', caFile: '")
          .append(mqtt.caCertificate().orElseThrow())
          .append("', username: ")
          .append(name)
          .append(", passwordFile: '")
          .append(secrets.mqttPasswordFile(name))
          .append("'}\n")
          .append("journal: {directory: '")
          .append(run.resolve(journal))
          .append("', fsync: ")
          .append(topology.journalFsync())
          .append("}\n")
          .append("http: {bind: 127.0.0.1, port: ")
          .append(httpPort)
          .append("}\n");
      return yaml.toString();
    }

    /**
     * Each model's built-in register map plus the simulator's served-read counter as the point
     * {@value Topology#SERVED_READS_POINT} (uint32, ABCD, fast poll class), under {@code
     * run/register-maps}.
     */
    private static void writeCountingMaps(
        Path repoRoot, Path run, List<PlantDevice> devices, Topology topology) throws IOException {
      Path dir = Files.createDirectories(run.resolve("register-maps"));
      for (String model : devices.stream().map(PlantDevice::model).distinct().toList()) {
        Path source = repoRoot.resolve(BUILT_IN_MAPS).resolve(model + ".yaml");
        String text = Files.readString(source, StandardCharsets.UTF_8).stripTrailing();
        text +=
            "\n  - {name: "
                + Topology.SERVED_READS_POINT
                + ", address: \"ir:"
                + topology.servedCounterAddress().getAsInt()
                + "\", type: uint32, order: ABCD, pollClass: fast,"
                + " description: \"Read responses the simulator served (soak ground truth)\"}\n";
        Files.writeString(dir.resolve(model + ".yaml"), text, StandardCharsets.UTF_8);
      }
    }
  }

  /** The console's users file, made with the console's own {@code add-user} command. */
  static final class ConsoleUsers {
    private ConsoleUsers() {}

    static Path ensure(Wiring wiring, DemoSecrets secrets, Path run, List<String> sites) {
      Path users = run.getParent().resolve("secrets").resolve("console-users.json");
      if (Files.exists(users)) {
        return users;
      }
      Path partial = users.resolveSibling("console-users.json.partial");
      try {
        Files.deleteIfExists(partial);
        addUsers(wiring, secrets, partial, sites);
        Files.move(partial, users); // all users or none
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the console users " + users, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating the console users", e);
      }
      return users;
    }

    private static void addUsers(Wiring wiring, DemoSecrets secrets, Path users, List<String> sites)
        throws InterruptedException {
      for (String role : DemoSecrets.CONSOLE_ROLES) {
        List<String> args = new ArrayList<>();
        args.addAll(
            List.of(
                "add-user",
                "--users-file",
                users.toString(),
                "--username",
                role,
                "--password-file",
                secrets.consolePasswordFile(role).toString(),
                "--role",
                role));
        for (String site : sites) {
          args.addAll(List.of("--site", site));
        }
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
