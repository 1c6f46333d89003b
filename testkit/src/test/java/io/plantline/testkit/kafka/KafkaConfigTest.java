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

  @Test
  void shouldExposeOnlyASaslListenerToClientsAndBindEverythingToLoopback() throws IOException {
    Credentials client = new Credentials("plantline", "s3cret-for-test");
    KafkaOptions options = new KafkaOptions(client, "256m", 3, Duration.ofSeconds(5));

    Properties props = new Properties();
    props.load(
        new StringReader(KafkaConfig.serverProperties(Path.of("/tmp/k"), 19092, 19093, options)));

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
                Path.of("/tmp/k"), 1, 2, KafkaOptions.defaults().withClient(client))));

    String jaas = props.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config");
    assertThat(jaas).contains("username=\"broker\"").doesNotContain("password=\"client-password\"");
  }
}
