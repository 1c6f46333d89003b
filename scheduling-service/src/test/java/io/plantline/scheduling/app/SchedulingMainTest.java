package io.plantline.scheduling.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.service.cli.OptionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option parsing and validation of the service's command line, without servers. */
class SchedulingMainTest {
  static final String KEY = "0123456789abcdef0123456789abcdef-key";

  static SchedulingConfig config(Map<String, String> env, String... args) {
    SchedulingMain main = new SchedulingMain();
    new CommandLine(main).parseArgs(args);
    return main.config(env::get);
  }

  @Test
  void shouldBuildTheConfigurationFromOptionsAndSecretsFromTheEnvironment() {
    SchedulingConfig config =
        config(
            Map.of("PLANTLINE_SCHEDULING_JWT_KEY", KEY, "KAFKA_SECRET", "k-pass"),
            "--kafka-bootstrap-servers",
            "10.0.0.5:9093",
            "--kafka-username",
            "svc",
            "--kafka-password-env",
            "KAFKA_SECRET",
            "--http-port",
            "0");
    assertThat(config.kafka().clientProperties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("bootstrap.servers", "10.0.0.5:9093");
    assertThat(config.kafka().toString()).doesNotContain("k-pass");
    assertThat(config.cassandra().keyspace()).isEqualTo("plantline_workorders");
    assertThat(config.listen().port()).isZero();
    assertThat(config.consumerGroup()).isEqualTo("plantline-scheduling");
  }

  @Test
  void shouldReadTheJwtKeyFromAFile(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("jwt"), KEY + "\n");
    assertThat(config(Map.of(), "--jwt-key-file", key.toString()).tokens()).isNotNull();
  }

  @Test
  void shouldNameTheOptionOfAWrongValue() {
    Map<String, String> env = Map.of("PLANTLINE_SCHEDULING_JWT_KEY", KEY);
    assertThatThrownBy(() -> config(Map.of()))
        .isInstanceOf(OptionException.class)
        .hasMessageStartingWith("--jwt-key-env: environment variable PLANTLINE_SCHEDULING_JWT_KEY");
    assertThatThrownBy(() -> config(Map.of("PLANTLINE_SCHEDULING_JWT_KEY", "short")))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> config(env, "--http-port", "70000"))
        .hasMessageStartingWith("--http-port:");
    assertThatThrownBy(() -> config(env, "--kafka-bootstrap-servers", "kafka"))
        .hasMessageStartingWith("--kafka-bootstrap-servers:");
    assertThatThrownBy(() -> config(env, "--kafka-username", "svc"))
        .hasMessageStartingWith("--kafka-password-env:");
    assertThatThrownBy(() -> config(env, "--cassandra-contact-points", "db:x"))
        .hasMessageStartingWith("--cassandra-contact-points:");
    assertThatThrownBy(() -> config(env, "--cassandra-keyspace", "Work-Orders"))
        .hasMessageStartingWith("--cassandra-keyspace:");
  }

  @Test
  void shouldExitWithStatusTwoAndOneLineOnABadOption() {
    StringWriter err = new StringWriter();
    int status = SchedulingMain.execute(new String[] {"--bogus"}, new PrintWriter(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("plantline scheduling: Unknown option: '--bogus'");
  }
}
