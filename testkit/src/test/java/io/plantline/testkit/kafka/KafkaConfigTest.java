package io.plantline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.Credentials;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
  private static final Credentials INTERNAL = new Credentials("broker", "internal-password");

  @Test
  void shouldExposeOnlyASaslListenerToClientsAndBindEverythingToLoopback() throws IOException {
    Credentials client = new Credentials("plantline", "s3cret-for-test");
    KafkaOptions options = new KafkaOptions(client, "256m", 3, Duration.ofSeconds(5));

    Properties props = new Properties();
    props.load(
        new StringReader(
            KafkaConfig.serverProperties(
                Path.of("/tmp/k"), 19092, 19093, options, INTERNAL, null)));

    assertThat(props.getProperty("listeners"))
        .isEqualTo("SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(props.getProperty("advertised.listeners"))
        .isEqualTo("SASL_PLAINTEXT://127.0.0.1:19092");
    assertThat(props.getProperty("sasl.enabled.mechanisms")).isEqualTo("PLAIN");
    assertThat(props.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config"))
        .contains("user_plantline=\"s3cret-for-test\"");
    assertThat(props.getProperty("num.partitions")).isEqualTo("3");
    assertThat(props.getProperty("log.dirs")).isEqualTo("/tmp/k/data");
  }

  @Test
  void shouldGiveTheBrokerAnInternalLoginThatDiffersFromTheClients() throws IOException {
    Credentials client = new Credentials("plantline", "client-password");
    Properties props = new Properties();
    props.load(
        new StringReader(
            KafkaConfig.serverProperties(
                Path.of("/tmp/k"),
                1,
                2,
                KafkaOptions.defaults().withClient(client),
                INTERNAL,
                null)));

    String jaas = props.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config");
    assertThat(jaas).contains("username=\"broker\"").doesNotContain("password=\"client-password\"");
  }

  @Test
  void shouldSecureTheClientListenerWithTlsScramAndAclsWhenAsked() throws IOException {
    Credentials client = new Credentials("admin", "client-password");
    Properties props = new Properties();
    props.load(
        new StringReader(
            KafkaConfig.serverProperties(
                Path.of("/tmp/k"),
                19092,
                19093,
                KafkaOptions.defaults().withClient(client).withSecurity(),
                INTERNAL,
                new KafkaConfig.TlsFiles(Path.of("/tmp/k/ks.pem"), Path.of("/tmp/k/ca.pem")))));

    assertThat(props.getProperty("listeners"))
        .isEqualTo("SASL_SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(props.getProperty("listener.security.protocol.map"))
        .isEqualTo("CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL");
    assertThat(props.getProperty("authorizer.class.name")).endsWith("StandardAuthorizer");
    assertThat(props.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
    assertThat(props.getProperty("super.users")).isEqualTo("User:broker;User:admin");
    assertThat(props.getProperty("auto.create.topics.enable")).isEqualTo("false");
    assertThat(props.getProperty("ssl.keystore.location")).isEqualTo("/tmp/k/ks.pem");
    // Clients log in with SCRAM only: the PLAIN module knows the broker's own user alone.
    assertThat(props.getProperty("listener.name.sasl_ssl.plain.sasl.jaas.config"))
        .contains("user_broker=")
        .doesNotContain("client-password");
    assertThat(props.getProperty("listener.name.controller.plain.sasl.jaas.config"))
        .doesNotContain("client-password");
  }
}
