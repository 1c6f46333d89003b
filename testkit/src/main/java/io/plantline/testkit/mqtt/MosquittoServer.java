package io.plantline.testkit.mqtt;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.ForkedServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.Deadline;
import io.plantline.testkit.process.LoopbackPorts;
import io.plantline.testkit.process.ProcessLauncher;
import io.plantline.testkit.process.ServerStartException;
import io.plantline.testkit.process.WorkDirectory;
import io.plantline.testkit.tls.ServerCertificateFiles;
import io.plantline.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Eclipse Mosquitto 2 from the Debian package, run as a child process with a generated config: a
 * password file (no anonymous access), persistence in a temp directory, and optionally a TLS
 * listener whose certificate comes from a throw-away CA.
 */
public final class MosquittoServer extends ForkedServer {
  static final List<Path> EXECUTABLES =
      List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));

  private final Integer port;
  private final Integer tlsPort;
  private final ServerCertificateFiles certificates;
  private final List<Credentials> users;
  private final boolean acl;

  private MosquittoServer(
      Path workDir,
      ChildProcess process,
      Integer port,
      Integer tlsPort,
      ServerCertificateFiles certificates,
      List<Credentials> users,
      boolean acl,
      Duration startupTime) {
    super(workDir, process, startupTime, Duration.ofSeconds(10));
    this.port = port;
    this.tlsPort = tlsPort;
    this.certificates = certificates;
    this.users = users;
    this.acl = acl;
  }

  /**
   * Stops the broker process, keeping its configuration, persistence and port, as a broker outage
   * would. {@link #startBroker()} brings it back.
   */
  public synchronized void stopBroker() {
    process().stop(Duration.ofSeconds(10));
  }

  /** Starts the broker again after {@link #stopBroker()}, on the same port with the same data. */
  public synchronized void startBroker() {
    if (process().isAlive()) {
      throw new IllegalStateException("the broker is running");
    }
    Path workDir = process().logFile().getParent();
    Path binary = executable().orElseThrow();
    ChildProcess child = launch(binary, workDir, acl);
    replaceProcess(child);
    Deadline.await(
        "Mosquitto restart on 127.0.0.1:" + listenerPorts(port, tlsPort),
        Duration.ofSeconds(20),
        child,
        () -> listening(port, tlsPort));
  }

  /** The mosquitto executable, if the Debian package is installed. */
  public static Optional<Path> executable() {
    return EXECUTABLES.stream().filter(Files::isExecutable).findFirst();
  }

  public static MosquittoServer start() {
    return start(MosquittoOptions.defaults());
  }

  public static MosquittoServer start(MosquittoOptions options) {
    Path binary =
        executable()
            .orElseThrow(
                () ->
                    new ServerStartException(
                        "mosquitto is not installed: run ./plantline test (it installs the Debian"
                            + " package) or apt-get install -y mosquitto"));
    long begin = System.nanoTime();
    Path workDir = WorkDirectory.create("mosquitto");
    try {
      Integer port = options.plainListener() ? LoopbackPorts.next() : null;
      Integer tlsPort = options.tls() ? LoopbackPorts.next() : null;
      ServerCertificateFiles certs =
          options.tls()
              ? TestCertificateAuthority.create("mosquitto").issueServerCertificate(workDir)
              : null;
      Files.createDirectories(workDir.resolve("data"));
      Files.writeString(workDir.resolve("passwd"), MosquittoPasswordFile.of(options.users()));
      if (options.acl().isPresent()) {
        Files.writeString(workDir.resolve("acl"), options.acl().get());
      }
      Path config = workDir.resolve("mosquitto.conf");
      Files.writeString(config, config(workDir, port, tlsPort, certs, options.acl().isPresent()));
      ChildProcess child = launch(binary, workDir, options.acl().isPresent());
      try {
        Deadline.await(
            "Mosquitto on 127.0.0.1:" + listenerPorts(port, tlsPort),
            options.startTimeout(),
            child,
            () -> listening(port, tlsPort));
      } catch (RuntimeException e) {
        child.stop(Duration.ofSeconds(5));
        WorkDirectory.delete(workDir);
        throw e;
      }
      return new MosquittoServer(
          workDir,
          child,
          port,
          tlsPort,
          certs,
          options.users(),
          options.acl().isPresent(),
          Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      WorkDirectory.delete(workDir);
      throw new UncheckedIOException(e);
    }
  }

  /** Message traffic that Mosquitto logs at debug level, one line or more per message. */
  private static final Pattern TRAFFIC =
      Pattern.compile(
          "^[^ ]*:? ?(Received|Sending) (PUBLISH|PUBACK|PUBREC|PUBREL|PUBCOMP|PINGREQ|PINGRESP)\\b");

  /**
   * With an access list the broker logs at debug level, the only level at which Mosquitto logs a
   * refused publication ({@code Denied PUBLISH from <client> (..., '<topic>', ...)}); the lines of
   * ordinary message traffic are dropped on the way to the log file, everything else is kept.
   */
  static boolean keepLogLine(String line) {
    return !TRAFFIC.matcher(line).find();
  }

  private static ChildProcess launch(Path binary, Path workDir, boolean acl) {
    List<String> command =
        List.of(binary.toString(), "-c", workDir.resolve("mosquitto.conf").toString());
    Path log = workDir.resolve("mosquitto.log");
    if (!acl) {
      return ProcessLauncher.start("mosquitto", command, workDir, log, Map.of());
    }
    // Through a pipe stdout would be block-buffered: coreutils' stdbuf makes it line-buffered
    // (and execs the broker, so the child's pid stays the broker's).
    List<String> lineBuffered = new ArrayList<>(List.of("stdbuf", "-oL"));
    lineBuffered.addAll(command);
    return ProcessLauncher.startFiltered(
        "mosquitto", lineBuffered, workDir, log, Map.of(), MosquittoServer::keepLogLine);
  }

  private static boolean listening(Integer port, Integer tlsPort) {
    return (port == null || Deadline.portOpen(LoopbackPorts.HOST, port))
        && (tlsPort == null || Deadline.portOpen(LoopbackPorts.HOST, tlsPort));
  }

  private static String listenerPorts(Integer port, Integer tlsPort) {
    return port == null ? tlsPort + " (TLS)" : tlsPort == null ? "" + port : port + ", " + tlsPort;
  }

  static String config(
      Path dir, Integer port, Integer tlsPort, ServerCertificateFiles certs, boolean acl) {
    StringBuilder conf = new StringBuilder();
    conf.append("per_listener_settings false\n")
        .append("allow_anonymous false\n")
        .append("password_file ")
        .append(dir.resolve("passwd"))
        .append('\n');
    if (acl) {
      conf.append("acl_file ").append(dir.resolve("acl")).append('\n').append("log_type debug\n");
    }
    conf.append("persistence true\n")
        .append("persistence_location ")
        .append(dir.resolve("data"))
        .append("/\n")
        .append("autosave_interval 5\n")
        .append("log_dest stdout\n")
        .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
        .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n")
        .append("max_queued_messages 100000\n")
        // No in-flight window per subscriber: with the default (20) Mosquitto 2.0.11 delivered
        // newer messages ahead of a persistent session's queued ones after a restart
        // (BrokerOrderingIT in edge-gateway); unbounded, every queued message goes out at once,
        // in order. A subscriber that acknowledges late (the bridge) then holds all of its queue.
        .append("max_inflight_messages 0\n");
    if ("root".equals(System.getProperty("user.name"))) {
      // As root Mosquitto would drop to user "mosquitto", which cannot read our 0700 temp dir.
      conf.append("user root\n");
    }
    if (port != null) {
      conf.append("listener ").append(port).append(" 127.0.0.1\n");
    }
    if (tlsPort != null) {
      conf.append("listener ")
          .append(tlsPort)
          .append(" 127.0.0.1\n")
          .append("cafile ")
          .append(certs.caCertificate())
          .append('\n')
          .append("certfile ")
          .append(certs.serverCertificate())
          .append('\n')
          .append("keyfile ")
          .append(certs.serverKey())
          .append('\n')
          .append("tls_version tlsv1.2\n");
    }
    return conf.toString();
  }

  public String host() {
    return LoopbackPorts.HOST;
  }

  /**
   * Port of the plain MQTT listener (password required).
   *
   * @throws IllegalStateException when the broker runs with its TLS listener only
   */
  public int port() {
    if (port == null) {
      throw new IllegalStateException("this broker has no plain listener (TLS only)");
    }
    return port;
  }

  /** Whether the plain (non-TLS) listener is open. */
  public boolean hasPlainListener() {
    return port != null;
  }

  /** Port of the TLS listener, if it was enabled. */
  public Optional<Integer> tlsPort() {
    return Optional.ofNullable(tlsPort);
  }

  /** PEM of the CA that issued the TLS listener's certificate, if TLS was enabled. */
  public Optional<Path> caCertificate() {
    return Optional.ofNullable(certificates).map(ServerCertificateFiles::caCertificate);
  }

  /** The first configured user. */
  public Credentials clientCredentials() {
    return users.get(0);
  }

  @Override
  public String name() {
    return "mosquitto";
  }

  @Override
  public Map<String, String> addresses() {
    Map<String, String> addresses = new LinkedHashMap<>();
    if (port != null) {
      addresses.put("mqtt", "tcp://127.0.0.1:" + port);
    }
    tlsPort().ifPresent(p -> addresses.put("mqtts", "ssl://127.0.0.1:" + p));
    caCertificate().ifPresent(ca -> addresses.put("mqtts CA certificate", ca.toString()));
    return addresses;
  }

  @Override
  public Map<String, Credentials> credentials() {
    Map<String, Credentials> byName = new LinkedHashMap<>();
    users.forEach(user -> byName.put(user.username(), user));
    return byName;
  }
}
