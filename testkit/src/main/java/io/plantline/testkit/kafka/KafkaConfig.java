package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generates the broker's {@code server.properties}, logging config and JVM options. */
final class KafkaConfig {
  private KafkaConfig() {}

  /**
   * The broker's {@code server.properties}. {@code internal} is the broker's own login (SASL/PLAIN
   * between its broker and controller parts, never a client's); {@code tls} the PEM files of the
   * secured listener, null unless {@code options.secured()}.
   */
  static String serverProperties(
      Path workDir,
      int brokerPort,
      int controllerPort,
      KafkaOptions options,
      Credentials internal,
      TlsFiles tls) {
    List<String> lines = new ArrayList<>();
    lines.add("process.roles=broker,controller");
    lines.add("node.id=1");
    lines.add("controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort);
    lines.add("controller.listener.names=CONTROLLER");
    if (options.secured()) {
      String internalOnly = plainServerJaas(internal, null);
      // Clients: TLS and SCRAM; the broker's own login is PLAIN, over TLS as well. The controller
      // listener (loopback) asks for the broker's login too, so no request is anonymous.
      lines.addAll(
          List.of(
              "listeners=SASL_SSL://127.0.0.1:"
                  + brokerPort
                  + ",CONTROLLER://127.0.0.1:"
                  + controllerPort,
              "advertised.listeners=SASL_SSL://127.0.0.1:" + brokerPort,
              "inter.broker.listener.name=SASL_SSL",
              "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL",
              "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
              "sasl.mechanism.inter.broker.protocol=PLAIN",
              "sasl.mechanism.controller.protocol=PLAIN",
              "listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
              "listener.name.sasl_ssl.plain.sasl.jaas.config=" + internalOnly,
              "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                  + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
              "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
              "listener.name.controller.plain.sasl.jaas.config=" + internalOnly,
              "ssl.keystore.type=PEM",
              "ssl.keystore.location=" + tls.keyStore(),
              "ssl.truststore.type=PEM",
              "ssl.truststore.location=" + tls.caCertificate(),
              "ssl.enabled.protocols=TLSv1.3,TLSv1.2",
              "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
              "super.users=User:" + internal.username() + ";User:" + options.client().username(),
              "allow.everyone.if.no.acl.found=false",
              "auto.create.topics.enable=false"));
    } else {
      lines.addAll(
          List.of(
              "listeners=SASL_PLAINTEXT://127.0.0.1:"
                  + brokerPort
                  + ",CONTROLLER://127.0.0.1:"
                  + controllerPort,
              "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + brokerPort,
              "inter.broker.listener.name=SASL_PLAINTEXT",
              "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
              "sasl.enabled.mechanisms=PLAIN",
              "sasl.mechanism.inter.broker.protocol=PLAIN",
              "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                  + plainServerJaas(internal, options.client()),
              "auto.create.topics.enable=true"));
    }
    lines.addAll(
        List.of(
            "log.dirs=" + workDir.resolve("data"),
            "num.partitions=" + options.defaultPartitions(),
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=4",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=2",
            "num.io.threads=2",
            "log.flush.interval.messages=9223372036854775807",
            ""));
    return String.join("\n", lines);
  }

  /**
   * The PEM files of the secured listener.
   *
   * @param keyStore the broker's PKCS#8 key followed by its certificate
   * @param caCertificate the CA clients (and the broker, as its own client) trust
   */
  record TlsFiles(Path keyStore, Path caCertificate) {}

  /** The PLAIN login module of the broker: it logs in as {@code internal}; users are both. */
  private static String plainServerJaas(Credentials internal, Credentials client) {
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
            .append(" username=\"")
            .append(internal.username())
            .append("\" password=\"")
            .append(internal.password())
            .append("\" user_")
            .append(internal.username())
            .append("=\"")
            .append(internal.password())
            .append('"');
    if (client != null) {
      jaas.append(" user_")
          .append(client.username())
          .append("=\"")
          .append(client.password())
          .append('"');
    }
    return jaas.append(';').toString();
  }

  static String scramLogin(Credentials credentials) {
    return login("org.apache.kafka.common.security.scram.ScramLoginModule", credentials);
  }

  static String plainLogin(Credentials credentials) {
    return login("org.apache.kafka.common.security.plain.PlainLoginModule", credentials);
  }

  private static String login(String module, Credentials credentials) {
    return module
        + " required username=\""
        + credentials.username()
        + "\" password=\""
        + credentials.password()
        + "\";";
  }

  static String log4j2() {
    return String.join(
        "\n",
        "status = warn",
        "appender.console.type = Console",
        "appender.console.name = STDOUT",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.stdout.ref = STDOUT",
        "logger.server.name = kafka.server.KafkaRaftServer",
        "logger.server.level = info",
        "");
  }

  static List<String> jvmOptions(KafkaOptions options, Path log4j) {
    return List.of(
        "-Xms128m",
        "-Xmx" + options.heap(),
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + log4j.toUri());
  }
}
