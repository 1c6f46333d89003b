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

  private final int nativePort;
  private final Credentials application;

  private CassandraServer(
      Path workDir,
      ChildProcess process,
      int nativePort,
      Credentials application,
      Duration startup) {
    super(workDir, process, startup, Duration.ofSeconds(30));
    this.nativePort = nativePort;
    this.application = application;
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
      ChildProcess node =
          ForkedJvm.start(
              "cassandra",
              CassandraConfig.jvmOptions(workDir, options.heap()),
              ForkedJvm.classpathResource("cassandra"),
              "org.apache.cassandra.service.CassandraDaemon",
              List.of(),
              workDir,
              workDir.resolve("cassandra.log"));
      try {
        Deadline.await(
            "Cassandra CQL on 127.0.0.1:" + nativePort,
            options.startTimeout(),
            node,
            () -> Deadline.portOpen(LoopbackPorts.HOST, nativePort));
        secureRoles(nativePort, options, node);
      } catch (RuntimeException e) {
        node.stop(Duration.ofSeconds(10));
        WorkDirectory.delete(workDir);
        throw e;
      }
      return new CassandraServer(
          workDir,
          node,
          nativePort,
          options.application(),
          Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      WorkDirectory.delete(workDir);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Logs in with the default superuser once Cassandra has created it, creates the application role
   * and locks the default account behind a random password.
   */
  private static void secureRoles(int nativePort, CassandraOptions options, ChildProcess node) {
    Credentials defaults = new Credentials("cassandra", "cassandra");
    AtomicReference<CqlSession> session = new AtomicReference<>();
    AtomicReference<RuntimeException> last = new AtomicReference<>();
    try {
      Deadline.await(
          "the default Cassandra superuser",
          options.startTimeout(),
          node,
          () -> {
            try {
              session.set(sessionBuilder(nativePort, defaults).build());
              return true;
            } catch (RuntimeException e) {
              last.set(e);
              return false;
            }
          });
    } catch (ServerStartException e) {
      throw new ServerStartException(e.getMessage() + "\nlast login error: " + last.get(), e);
    }
    Credentials app = options.application();
    try (CqlSession admin = session.get()) {
      admin.execute(
          "CREATE ROLE IF NOT EXISTS \""
              + app.username()
              + "\" WITH PASSWORD = '"
              + app.password().replace("'", "''")
              + "' AND LOGIN = true AND SUPERUSER = true");
      admin.execute(
          "ALTER ROLE cassandra WITH PASSWORD = '" + Credentials.generate("x").password() + "'");
    }
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
    return application;
  }

  /** A session logged in as the application user, with test-friendly timeouts. */
  public CqlSession openSession() {
    return openSession(application);
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
    return Map.of("application", application);
  }
}
