package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import java.nio.file.Path;
import java.util.List;

/** Generates the broker's {@code server.properties}, logging config and JVM options. */
final class KafkaConfig {
  private KafkaConfig() {}

  static String serverProperties(
      Path workDir, int brokerPort, int controllerPort, KafkaOptions options) {
    // The broker logs in to itself with an internal user that clients never see.
    Credentials internal = Credentials.generate("broker");
    Credentials client = options.client();
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\""
            + internal.username()
            + "\""
            + " password=\""
            + internal.password()
            + "\""
            + " user_"
            + internal.username()
            + "=\""
            + internal.password()
            + "\""
            + " user_"
            + client.username()
            + "=\""
            + client.password()
            + "\";";
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "listeners=SASL_PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=SASL_PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
        "sasl.enabled.mechanisms=PLAIN",
        "sasl.mechanism.inter.broker.protocol=PLAIN",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas,
        "log.dirs=" + workDir.resolve("data"),
        "num.partitions=" + options.defaultPartitions(),
        "auto.create.topics.enable=true",
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
        "");
  }

  static String plainLogin(Credentials credentials) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
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
