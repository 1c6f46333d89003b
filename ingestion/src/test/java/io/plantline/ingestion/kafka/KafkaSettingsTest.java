package io.plantline.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static final Path CA = Path.of("/etc/plantline/kafka-ca.pem");

  @Test
  void shouldBuildSaslPlainPropertiesWithQuotedJaasValues() {
    KafkaSettings settings =
        KafkaSettings.saslPlain("127.0.0.1:9092, 127.0.0.2:9093", "ingest", "p\"w\\d");

    assertThat(settings.clientProperties())
        .containsEntry("bootstrap.servers", "127.0.0.1:9092,127.0.0.2:9093")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"ingest\" password=\"p\\\"w\\\\d\";");
  }

  @Test
  void shouldBuildScramOverTlsPropertiesWithThePemTrustStore() {
    KafkaSettings settings =
        KafkaSettings.saslSsl(
            "127.0.0.1:9093", "SCRAM-SHA-512", "ingestion-bridge", "s3cret", Optional.of(CA));

    assertThat(settings.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"ingestion-bridge\" password=\"s3cret\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", CA.toString());
    assertThat(settings.toString()).doesNotContain("s3cret").contains("SCRAM-SHA-512");
  }

  @Test
  void shouldRefuseAnUnknownMechanismAndACaWithoutTls() {
    assertThatThrownBy(() -> KafkaSettings.saslSsl("h:1", "GSSAPI", "u", "p", Optional.empty()))
        .hasMessageContaining("SASL mechanism must be one of");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "h:1",
                    KafkaSettings.SASL_PLAINTEXT,
                    Optional.of("u"),
                    Optional.of("p"),
                    "PLAIN",
                    Optional.of(CA)))
        .hasMessageContaining("SASL_SSL only");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "h:1",
                    KafkaSettings.SASL_SSL,
                    Optional.empty(),
                    Optional.empty(),
                    "PLAIN",
                    Optional.empty()))
        .hasMessageContaining("needed for SASL_PLAINTEXT and SASL_SSL");
  }

  @Test
  void shouldLeaveSaslOutForPlaintext() {
    assertThat(KafkaSettings.plaintext("localhost:9092").clientProperties())
        .containsOnlyKeys("bootstrap.servers", "security.protocol");
  }

  @Test
  void shouldMakeReliableProducersIdempotentWithAcksAll() {
    assertThat(KafkaSettings.plaintext("localhost:9092").reliableProducerProperties("bridge-1"))
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("client.id", "bridge-1");
  }

  @Test
  void shouldCommitManuallyInConsumers() {
    assertThat(KafkaSettings.plaintext("localhost:9092").manualCommitConsumerProperties("writers"))
        .containsEntry("enable.auto.commit", false)
        .containsEntry("group.id", "writers");
  }

  @Test
  void shouldRejectBadBootstrapServersNamingThem() {
    assertThatThrownBy(() -> KafkaSettings.plaintext("localhost"))
        .hasMessageContaining("host:port")
        .hasMessageContaining("localhost");
    assertThatThrownBy(() -> KafkaSettings.plaintext("h:99999")).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> KafkaSettings.plaintext(" ")).hasMessageContaining("missing");
  }

  @Test
  void shouldRequireCredentialsExactlyForSasl() {
    assertThatThrownBy(() -> KafkaSettings.saslPlain("h:1", "user", null))
        .hasMessageContaining("SASL_PLAINTEXT");
  }

  @Test
  void shouldNeverPrintThePassword() {
    assertThat(KafkaSettings.saslPlain("h:1", "user", "secret-123").toString())
        .doesNotContain("secret-123")
        .contains("****");
  }
}
