package io.plantline.testkit.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
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
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Apache Cassandra 5 ({@code cassandra-all}) as a forked JVM on Java 17 with a small heap and
 * password authentication. On start it creates an application superuser and replaces the default
 * {@code cassandra} password with a random one, so the well-known default login is refused.
 */
public final class CassandraServer extends ForkedServer {
  public static final String LOCAL_DATACENTER = "datacenter1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final int nativePort;
  private final CassandraOptions options;

  private CassandraServer(
      Path workDir,
      ChildProcess process,
      int nativePort,
      CassandraOptions options,
      Duration startup) {
    super(workDir, process, startup, STOP_GRACE);
    this.nativePort = nativePort;
    this.options = options;
  }

  public static CassandraServer start() {
    return start(CassandraOptions.defaults());
  }

  public static CassandraServer start(CassandraOptions options) {
    long begin = System.nanoTime();
    Path workDir = WorkDirectory.create("cassandra");
    try {
      int storagePort = LoopbackPorts.next();
      int nativePort = LoopbackPorts.next();
      Files.writeString(
          workDir.resolve("cassandra.yaml"),
          CassandraConfig.yaml(workDir, storagePort, nativePort));
      Files.writeString(workDir.resolve("logback.xml"), CassandraConfig.logback());
      ChildProcess node = launchNode(workDir, options);
      try {
        Credentials defaults = new Credentials("cassandra", "cassandra");
        try (CqlSession admin = awaitLogin(node, nativePort, defaults, options.startTimeout())) {
          secureRoles(admin, options.application());
        }
      } catch (RuntimeException e) {
        node.stop(Duration.ofSeconds(10));
        WorkDirectory.delete(workDir);
        throw e;
      }
      return new CassandraServer(
          workDir, node, nativePort, options, Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      WorkDirectory.delete(workDir);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Freezes the node with SIGSTOP, as a long GC pause or a frozen VM would: its connections stay
   * open but it answers nothing, so requests time out. {@link #resume()} ends the pause; {@link
   * #close()} and {@link #stopNode()} resume a paused node before stopping it.
   *
   * @throws IllegalStateException if the node is not running
   */
  public synchronized void pause() {
    process().suspend();
  }

  /**
   * Lets a node frozen by {@link #pause()} run again (SIGCONT); it answers the requests that waited
   * on its connections.
   *
   * @throws IllegalStateException if the node is not running
   */
  public synchronized void resume() {
    process().resume();
  }

  /**
   * Stops the node as an outage would: SIGTERM (Cassandra drains), SIGKILL if it has not exited
   * after 30 s. Ports, configuration and data stay; {@link #startNode()} brings it back. Does
   * nothing if the node is not running.
   */
  public synchronized void stopNode() {
    process().stop(STOP_GRACE);
  }

  /**
   * Starts the node again after {@link #stopNode()}, on the same ports with the same configuration
   * and data. Returns once CQL accepts the application credentials, as {@link #start()} does.
   *
   * @throws IllegalStateException if the node is running
   * @throws io.plantline.testkit.process.ServerStartException if it does not answer in time (the
   *     new process is then stopped, and the node may be started again)
   */
  public synchronized void startNode() {
    if (process().isAlive()) {
      throw new IllegalStateException("the node is running");
    }
    ChildProcess node = launchNode(workDir(), options);
    replaceProcess(node);
    try {
      awaitLogin(node, nativePort, options.application(), options.startTimeout()).close();
    } catch (RuntimeException e) {
      node.stop(Duration.ofSeconds(10));
      throw e;
    }
  }

  /** Whether the node process is running (it may be paused, or still starting). */
  public boolean isNodeRunning() {
    return process().isAlive();
  }

  private static ChildProcess launchNode(Path workDir, CassandraOptions options) {
    return ForkedJvm.start(
        "cassandra",
        CassandraConfig.jvmOptions(workDir, options.heap()),
        ForkedJvm.classpathResource("cassandra"),
        "org.apache.cassandra.service.CassandraDaemon",
        List.of(),
        workDir,
        workDir.resolve("cassandra.log"));
  }

  /** Waits for the CQL port, then until {@code credentials} log in; returns that session. */
  private static CqlSession awaitLogin(
      ChildProcess node, int nativePort, Credentials credentials, Duration timeout) {
    Deadline.await(
        "Cassandra CQL on 127.0.0.1:" + nativePort,
        timeout,
        node,
        () -> Deadline.portOpen(LoopbackPorts.HOST, nativePort));
    AtomicReference<CqlSession> session = new AtomicReference<>();
    AtomicReference<RuntimeException> last = new AtomicReference<>();
    try {
      Deadline.await(
          "a Cassandra login as " + credentials.username(),
          timeout,
          node,
          () -> {
            try {
              session.set(sessionBuilder(nativePort, credentials).build());
              return true;
            } catch (RuntimeException e) {
              last.set(e);
              return false;
            }
          });
    } catch (ServerStartException e) {
      throw new ServerStartException(e.getMessage() + "\nlast login error: " + last.get(), e);
    }
    return session.get();
  }

  /**
   * Creates the application role as the default superuser and locks the default account behind a
   * random password.
   */
  private static void secureRoles(CqlSession admin, Credentials app) {
    admin.execute(
        "CREATE ROLE IF NOT EXISTS \""
            + app.username()
            + "\" WITH PASSWORD = '"
            + app.password().replace("'", "''")
            + "' AND LOGIN = true AND SUPERUSER = true");
    admin.execute(
        "ALTER ROLE cassandra WITH PASSWORD = '" + Credentials.generate("x").password() + "'");
  }

  private static CqlSessionBuilder sessionBuilder(int nativePort, Credentials credentials) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(LoopbackPorts.HOST, nativePort))
        .withLocalDatacenter(LOCAL_DATACENTER)
        .withAuthCredentials(credentials.username(), credentials.password())
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(
                    DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(
                    DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(
                    DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                    Duration.ofSeconds(20))
                .build());
  }

  /** The CQL endpoint. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(LoopbackPorts.HOST, nativePort);
  }

  public String localDatacenter() {
    return LOCAL_DATACENTER;
  }

  /** The application superuser. */
  public Credentials applicationCredentials() {
    return options.application();
  }

  /** A session logged in as the application user, with test-friendly timeouts. */
  public CqlSession openSession() {
    return openSession(options.application());
  }

  /** A session logged in as {@code credentials}; fails if Cassandra refuses them. */
  public CqlSession openSession(Credentials credentials) {
    return sessionBuilder(nativePort, credentials).build();
  }

  @Override
  public String name() {
    return "cassandra";
  }

  @Override
  public Map<String, String> addresses() {
    return Map.of(
        "cql", "127.0.0.1:" + nativePort + " (local datacenter " + LOCAL_DATACENTER + ")");
  }

  @Override
  public Map<String, Credentials> credentials() {
    return Map.of("application", options.application());
  }
}
