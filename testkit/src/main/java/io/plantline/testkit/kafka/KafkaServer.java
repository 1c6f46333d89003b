package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.ForkedServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.Deadline;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ServerStartException;
import io.plantline.testkit.process.WorkDirectory;
import io.plantline.testkit.tls.ServerCertificateFiles;
import io.plantline.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Apache Kafka 4 in KRaft mode, one combined broker+controller node, in a forked JVM on the class
 * path of {@code testkit-runtime/kafka}. Clients authenticate with SASL/PLAIN on the broker
 * listener; the controller listener is loopback-only and internal. {@linkplain
 * KafkaOptions#withSecurity() Secured}, the listener is TLS with SCRAM-SHA-512 logins and ACLs.
 */
public final class KafkaServer extends ForkedServer {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int SCRAM_ITERATIONS = 8192;

  private final int brokerPort;
  private final KafkaOptions options;
  private final KafkaConfig.TlsFiles tls;

  private KafkaServer(
      Path workDir,
      ChildProcess process,
      int brokerPort,
      KafkaOptions options,
      KafkaConfig.TlsFiles tls,
      Duration startup) {
    super(workDir, process, startup, STOP_GRACE);
    this.brokerPort = brokerPort;
    this.options = options;
    this.tls = tls;
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
      // The broker logs in to itself with an internal user that clients never see.
      Credentials internal = Credentials.generate("broker");
      KafkaConfig.TlsFiles tls = options.secured() ? tlsFiles(workDir) : null;
      Files.writeString(
          config,
          KafkaConfig.serverProperties(
              workDir, brokerPort, controllerPort, options, internal, tls));
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
        Map<String, Object> probe =
            options.secured()
                ? internalProperties(brokerPort, internal, tls)
                : clientProperties(brokerPort, options.client(), null);
        awaitMetadata(broker, brokerPort, options, probe);
        if (options.secured()) {
          upsertScramUser(probe, options.client());
          awaitMetadata(
              broker, brokerPort, options, clientProperties(brokerPort, options.client(), tls));
        }
      } catch (RuntimeException e) {
        broker.stop(Duration.ofSeconds(5));
        WorkDirectory.delete(workDir);
        throw e;
      }
      return new KafkaServer(
          workDir, broker, brokerPort, options, tls, Duration.ofNanos(System.nanoTime() - begin));
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
      awaitMetadata(broker, brokerPort, options, clientProperties());
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

  private static void awaitMetadata(
      ChildProcess broker, int brokerPort, KafkaOptions options, Map<String, Object> probe) {
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

  /**
   * The CA certificate and the broker's key and certificate (one PEM file, as Kafka's PEM key store
   * reads it) under {@code workDir/tls}, owner-only.
   */
  private static KafkaConfig.TlsFiles tlsFiles(Path workDir) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("tls"));
    ServerCertificateFiles certs =
        TestCertificateAuthority.create("kafka").issueServerCertificate(dir);
    Path keyStore = dir.resolve("broker-keystore.pem");
    Files.writeString(
        keyStore,
        Files.readString(certs.serverKey()) + "\n" + Files.readString(certs.serverCertificate()));
    for (Path secret : List.of(keyStore, certs.serverKey())) {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
    return new KafkaConfig.TlsFiles(keyStore, certs.caCertificate());
  }

  /** Creates or replaces {@code user}'s SCRAM-SHA-512 credential, logged in as {@code admin}. */
  private static void upsertScramUser(Map<String, Object> admin, Credentials user) {
    try (Admin client = Admin.create(admin)) {
      client
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user.username(),
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                      user.password())))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot set the SCRAM credential of " + user.username(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Adds (or changes the password of) a SCRAM user of a {@linkplain KafkaOptions#secured() secured}
   * broker and returns once it can log in. It may do nothing until granted with {@link #allow}.
   *
   * @throws IllegalStateException if the broker is not secured
   */
  public void addUser(Credentials user) {
    requireSecured();
    upsertScramUser(clientProperties(), user);
    Deadline.await(
        "Kafka login of " + user.username(),
        Duration.ofSeconds(30),
        process(),
        () -> answersMetadataRequest(clientProperties(user)));
  }

  /**
   * Creates ACLs on a {@linkplain KafkaOptions#secured() secured} broker (as the super user) and
   * returns once they are in force.
   */
  public void allow(Collection<AclBinding> acls) {
    requireSecured();
    try (Admin admin = Admin.create(clientProperties())) {
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
      Deadline.await(
          "Kafka ACLs",
          Duration.ofSeconds(30),
          process(),
          () -> {
            try {
              return admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls);
            } catch (ExecutionException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          });
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create ACLs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void requireSecured() {
    if (!options.secured()) {
      throw new IllegalStateException("users and ACLs need KafkaOptions.withSecurity()");
    }
  }

  /** The CA certificate (PEM) clients must trust, when the broker is secured. */
  public Optional<Path> caCertificate() {
    return Optional.ofNullable(tls).map(KafkaConfig.TlsFiles::caCertificate);
  }

  /** Whether the broker speaks TLS and SCRAM and enforces ACLs. */
  public boolean isSecured() {
    return options.secured();
  }

  /** {@code host:port} of the client listener (SASL_PLAINTEXT, or SASL_SSL when secured). */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The client user that producers, consumers and admin clients log in as. */
  public Credentials clientCredentials() {
    return options.client();
  }

  /** Bootstrap servers plus the SASL (and, when secured, TLS) settings of the client user. */
  public Map<String, Object> clientProperties() {
    return clientProperties(options.client());
  }

  /** Client settings that log in as {@code credentials} (which may be wrong, to test refusal). */
  public Map<String, Object> clientProperties(Credentials credentials) {
    return clientProperties(brokerPort, credentials, tls);
  }

  /** SASL/PLAIN over plain TCP, or SCRAM-SHA-512 over TLS when {@code tls} is given. */
  private static Map<String, Object> clientProperties(
      int brokerPort, Credentials credentials, KafkaConfig.TlsFiles tls) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort);
    if (tls == null) {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
      props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
      props.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaConfig.plainLogin(credentials));
    } else {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
      props.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
      props.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaConfig.scramLogin(credentials));
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.caCertificate().toString());
    }
    return props;
  }

  /** The broker's own PLAIN login over TLS: for setting up the first SCRAM user only. */
  private static Map<String, Object> internalProperties(
      int brokerPort, Credentials internal, KafkaConfig.TlsFiles tls) {
    Map<String, Object> props = clientProperties(brokerPort, internal, tls);
    props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    props.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaConfig.plainLogin(internal));
    return props;
  }

  /** Creates topics (replication factor 1) unless they exist. */
  public void createTopics(int partitions, String... topics) {
    createTopics(partitions, topic -> Map.of(), topics);
  }

  /**
   * Creates topics (replication factor 1) with each one's topic-level settings (e.g. {@code
   * cleanup.policy}); a topic that exists is left as it is.
   */
  public void createTopics(
      int partitions, Function<String, Map<String, String>> config, String... topics) {
    try (Admin admin = Admin.create(clientProperties())) {
      for (String topic : topics) {
        NewTopic created = new NewTopic(topic, partitions, (short) 1).configs(config.apply(topic));
        try {
          admin.createTopics(Set.of(created)).all().get();
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
    return Map.of(
        options.secured()
            ? "bootstrap.servers (SASL_SSL, SCRAM-SHA-512, ACLs)"
            : "bootstrap.servers (SASL_PLAINTEXT, PLAIN)",
        bootstrapServers());
  }

  @Override
  public Map<String, Credentials> credentials() {
    return Map.of("client", options.client());
  }
}
