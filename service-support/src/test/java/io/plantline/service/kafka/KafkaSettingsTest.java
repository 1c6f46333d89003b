package io.plantline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void shouldLogInWithScramOverTlsTrustingTheGivenCa() {
    Path ca = Path.of("/etc/plantline/kafka-ca.pem");
    KafkaSettings settings =
        new KafkaSettings(
            "127.0.0.1:9093",
            Optional.of("scheduling"),
            Optional.of("pa\"ss"),
            "SCRAM-SHA-512",
            true,
            Optional.of(ca));

    assertThat(settings.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"scheduling\" password=\"pa\\\"ss\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString());
    assertThat(settings.toString()).doesNotContain("pa\"ss").contains("TLS");
  }

  @Test
  void shouldKeepSaslPlainWithoutTlsAsTheDefault() {
    KafkaSettings settings =
        new KafkaSettings("127.0.0.1:9092", Optional.of("quality"), Optional.of("pw"));

    assertThat(settings.clientProperties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "PLAIN")
        .doesNotContainKey("ssl.truststore.location");
    assertThat(new KafkaSettings("h:1", Optional.empty(), Optional.empty()).clientProperties())
        .containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKey("sasl.mechanism");
  }

  @Test
  void shouldRefuseTlsWithoutAUserAndAnUnknownMechanism() {
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "h:1", Optional.empty(), Optional.empty(), "PLAIN", true, Optional.empty()))
        .hasMessageContaining("needs a SASL user");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "h:1", Optional.of("u"), Optional.of("p"), "GSSAPI", false, Optional.empty()))
        .hasMessageContaining("SASL mechanism must be one of");
  }
}
