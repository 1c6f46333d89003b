package io.plantline.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.ingestion.cli.OptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WritersCommandTest {

  private static WritersCommand parse(String... args) {
    WritersCommand command = new WritersCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldBuildAValidConfigurationFromOptionsAndSecretFiles(@TempDir Path dir) throws Exception {
    Path tsPassword = Files.writeString(dir.resolve("ts"), "quest-secret\n");
    WritersCommand.Config config =
        parse(
                "--kafka-bootstrap-servers=10.0.0.1:9092",
                "--kafka-username=ingest",
                "--kafka-password-env=KAFKA_PW",
                "--ts-username=admin",
                "--ts-password-file=" + tsPassword,
                "--cassandra-replication-factor=3",
                "--readings-ttl=P7D",
                "--flush-points=2000")
            .config(Map.of("KAFKA_PW", "kafka-secret"));

    assertThat(config.kafka().password()).contains("kafka-secret");
    assertThat(config.timeSeries().password()).contains("quest-secret");
    assertThat(config.timeSeries().kind()).isEqualTo(TimeSeriesTarget.Kind.QUESTDB);
    assertThat(config.cassandra().replicationFactor()).isEqualTo(3);
    assertThat(config.cassandra().readingsTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(config.options().flushPoints()).isEqualTo(2000);
    assertThat(config.options().flushInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.toString()).doesNotContain("kafka-secret", "quest-secret");
  }

  @Test
  void shouldNameTheOptionOfEachWrongValue() {
    assertOption("--ts-url", "--ts-url=ftp://x");
    assertOption("--ts-kind", "--ts-kind=mongo");
    assertOption("--ts-token-file", "--ts-kind=influxdb");
    assertOption("--flush-points", "--flush-points=0");
    assertOption("--flush-points", "--flush-points=lots");
    assertOption("--flush-interval", "--flush-interval=100ms");
    assertOption("--readings-ttl", "--readings-ttl=90 days");
    assertOption("--cassandra-contact-points", "--cassandra-contact-points=host-without-port");
    assertOption("--cassandra-replication-factor", "--cassandra-replication-factor=0");
    assertOption("--cassandra-keyspace", "--cassandra-keyspace=Bad-Name");
    assertOption("--kafka-bootstrap-servers", "--kafka-bootstrap-servers=nohost");
    assertOption("--kafka-password-file", "--kafka-username=u", "--kafka-password-env=");
    assertOption("--kafka-password-env", "--kafka-username=u", "--kafka-password-env=UNSET_VAR");
    assertOption("--ts-password-file", "--ts-password-file=/nonexistent/pw", "--ts-username=a");
    assertOption("--ts-password-file", "--ts-password-file=/x", "--ts-password-env=Y");
    assertOption("--http-port", "--http-port=70000");
  }

  private static void assertOption(String option, String... args) {
    assertThatThrownBy(() -> parse(args).config(Map.of()))
        .as(String.join(" ", args))
        .isInstanceOf(OptionException.class)
        .hasMessageStartingWith(option + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
