package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.ForkedServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.Deadline;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ServerStartException;
import io.plantline.testkit.process.WorkDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Apache Kafka 4 in KRaft mode, one combined broker+controller node, in a forked JVM on the class
 * path of {@code testkit-runtime/kafka}. Clients authenticate with SASL/PLAIN on the broker
 * listener; the controller listener is loopback-only and internal.
 */
public final class KafkaServer extends ForkedServer {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final int brokerPort;
  private final KafkaOptions options;

  private KafkaServer(
      Path workDir, ChildProcess process, int brokerPort, KafkaOptions options, Duration startup) {
    super(workDir, process, startup, STOP_GRACE);
    this.brokerPort = brokerPort;
    this.options = options;
  }

  /** Starts a broker with generated credentials and default options. */
  public static KafkaServer start() {
    return start(KafkaOptions.defaults());
  }

  public static KafkaServer start(KafkaOptions options) {
    long begin = System.nanoTime();
    Path workDir = WorkDirectory.create("kafka");
    try {
      int brokerPort = LoopbackPorts.next();
      int controllerPort = LoopbackPorts.next();
      Path config = workDir.resolve("server.properties");
      Files.writeString(
          config, KafkaConfig.serverProperties(workDir, brokerPort, controllerPort, options));
      Files.writeString(workDir.resolve("log4j2.properties"), KafkaConfig.log4j2());

      ChildProcess format =
          ForkedJvm.start(
              "kafka-storage-format",
              jvmOptions(workDir, options),
              ForkedJvm.classpathResource("kafka"),
              "kafka.tools.StorageTool",
              List.of(
                  "format",
                  "--standalone",
                  "-t",
                  Uuid.randomUuid().toString(),
                  "-c",
                  config.toString()),
              workDir,
              workDir.resolve("kafka.log"));
      awaitExit(format, Duration.ofSeconds(60));

      ChildProcess broker = launchBroker(workDir, options);
      try {
        awaitMetadata(broker, brokerPort, options);
      } catch (RuntimeException e) {
        broker.stop(Duration.ofSeconds(5));
        WorkDirectory.delete(workDir);
        throw e;
      }
      return new KafkaServer(
          workDir, broker, brokerPort, options, Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      WorkDirectory.delete(workDir);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the broker as an outage would: SIGTERM (a controlled shutdown), SIGKILL if it has not
   * exited after 20 s. Its ports, configuration and data directory stay; {@link #startBroker()}
   * brings it back. Does nothing if the broker is not running.
   */
  public synchronized void stopBroker() {
    process().stop(STOP_GRACE);
  }

  /**
   * Kills the broker with SIGKILL, as a crash or power loss would: no controlled shutdown, no
   * flush. {@link #startBroker()} brings it back and Kafka recovers its logs.
   */
  public synchronized void killBroker() {
    process().kill();
  }

  /**
   * Starts the broker again after {@link #stopBroker()} or {@link #killBroker()}: same broker and
   * controller ports, configuration and data directory (the storage is not formatted again).
   * Returns once it answers metadata requests, as {@link #start()} does.
   *
   * @throws IllegalStateException if the broker is running
   * @throws io.plantline.testkit.process.ServerStartException if it does not answer in time (the
   *     new process is then stopped, and the broker may be started again)
   */
  public synchronized void startBroker() {
    if (process().isAlive()) {
      throw new IllegalStateException("the broker is running");
    }
    ChildProcess broker = launchBroker(workDir(), options);
    replaceProcess(broker);
    try {
      awaitMetadata(broker, brokerPort, options);
    } catch (RuntimeException e) {
      broker.stop(Duration.ofSeconds(5));
      throw e;
    }
  }

  /** Whether the broker process is running (it may still be starting). */
  public boolean isBrokerRunning() {
    return process().isAlive();
  }

  private static List<String> jvmOptions(Path workDir, KafkaOptions options) {
    return KafkaConfig.jvmOptions(options, workDir.resolve("log4j2.properties"));
  }

  /** Starts {@code kafka.Kafka} on the {@code server.properties} written by {@link #start}. */
  private static ChildProcess launchBroker(Path workDir, KafkaOptions options) {
    return ForkedJvm.start(
        "kafka",
        jvmOptions(workDir, options),
        ForkedJvm.classpathResource("kafka"),
        "kafka.Kafka",
        List.of(workDir.resolve("server.properties").toString()),
        workDir,
        workDir.resolve("kafka.log"));
  }

  private static void awaitMetadata(ChildProcess broker, int brokerPort, KafkaOptions options) {
    Map<String, Object> probe = clientProperties(brokerPort, options.client());
    Deadline.await(
        "Kafka on 127.0.0.1:" + brokerPort,
        options.startTimeout(),
        broker,
        // The port check is cheap; an admin client probe of a closed port takes seconds.
        () -> Deadline.portOpen(LoopbackPorts.HOST, brokerPort) && answersMetadataRequest(probe));
  }

  private static void awaitExit(ChildProcess format, Duration timeout) {
    try {
      Deadline.await("kafka storage format", timeout, null, () -> !format.isAlive());
      if (format.exitValue() != 0) {
        throw new ServerStartException(
            "kafka storage format failed with " + format.exitValue() + ":\n" + format.logTail(30));
      }
    } finally {
      format.stop(Duration.ofSeconds(1));
    }
  }

  private static boolean answersMetadataRequest(Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code host:port} of the SASL_PLAINTEXT broker listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The client user that producers, consumers and admin clients log in as. */
  public Credentials clientCredentials() {
    return options.client();
  }

  /** Bootstrap servers plus SASL/PLAIN settings for the client user. */
  public Map<String, Object> clientProperties() {
    return clientProperties(options.client());
  }

  /** Client settings that log in as {@code credentials} (which may be wrong, to test refusal). */
  public Map<String, Object> clientProperties(Credentials credentials) {
    return clientProperties(brokerPort, credentials);
  }

  private static Map<String, Object> clientProperties(int brokerPort, Credentials credentials) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    props.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaConfig.plainLogin(credentials));
    return props;
  }

  /** Creates topics (replication factor 1) unless they exist. */
  public void createTopics(int partitions, String... topics) {
    try (Admin admin = Admin.create(clientProperties())) {
      for (String topic : topics) {
        try {
          admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Map<String, String> addresses() {
    return Map.of("bootstrap.servers (SASL_PLAINTEXT, PLAIN)", bootstrapServers());
  }

  @Override
  public Map<String, Credentials> credentials() {
    return Map.of("client", options.client());
  }
}
