package io.plantline.ingestion.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.ingestion.bridge.BridgeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BridgeCommandTest {
  @TempDir Path dir;

  private static final String UNSET_VAR = "PLANTLINE_TEST_SURELY_UNSET_7f3a";

  private List<String> valid() throws Exception {
    Path secret = Files.writeString(dir.resolve("mqtt-pw"), "s3cret\n");
    return new ArrayList<>(
        List.of(
            "bridge",
            "--mqtt-url",
            "mqtt://127.0.0.1:1883",
            "--mqtt-username",
            "bridge",
            "--mqtt-password-file",
            secret.toString(),
            "--kafka-bootstrap-servers",
            "127.0.0.1:9092"));
  }

  /** Runs the command and returns what it printed on stderr; asserts exit status 2. */
  private String failing(List<String> args) {
    StringWriter err = new StringWriter();
    int status = IngestionMain.execute(args.toArray(String[]::new), new PrintWriter(err, true));
    assertThat(status).as(err.toString()).isEqualTo(2);
    return err.toString();
  }

  private static List<String> with(List<String> args, String option, String value) {
    int i = args.indexOf(option);
    if (i >= 0) {
      args.set(i + 1, value);
    } else {
      args.add(option);
      args.add(value);
    }
    return args;
  }

  @Test
  void shouldStopWithOneLineNamingABadMqttUrl() throws Exception {
    String err = failing(with(valid(), "--mqtt-url", "tcp://127.0.0.1:1883"));

    assertThat(err.lines()).hasSize(1);
    assertThat(err).startsWith("plantline ingest bridge: --mqtt-url: ").contains("mqtt://");
  }

  @Test
  void shouldNameEachBadOption() throws Exception {
    assertThat(failing(with(valid(), "--kafka-bootstrap-servers", "nohostport")))
        .contains("--kafka-bootstrap-servers: ");
    assertThat(failing(with(valid(), "--http-port", "70000"))).contains("--http-port: ");
    assertThat(failing(with(valid(), "--http-port", "abc"))).contains("'--http-port'");
    assertThat(failing(with(valid(), "--group", "bad/group"))).contains("--group: ");
    assertThat(failing(with(valid(), "--dedup-window", "8"))).contains("--dedup-window: ");
    assertThat(failing(with(valid(), "--dedup-idle-ttl", "ten minutes")))
        .contains("--dedup-idle-ttl: ");
    assertThat(failing(with(valid(), "--mqtt-ca-file", dir.resolve("nope.pem").toString())))
        .contains("--mqtt-ca-file: ");
    assertThat(failing(with(valid(), "--mqtt-password-file", dir.resolve("nope").toString())))
        .contains("--mqtt-password-file: cannot read");
  }

  @Test
  void shouldRequireTheMqttPasswordFromAFileOrANamedVariable() throws Exception {
    List<String> args = valid();
    int i = args.indexOf("--mqtt-password-file");
    args.remove(i + 1);
    args.remove(i);
    args.addAll(List.of("--mqtt-password-env", UNSET_VAR));

    assertThat(failing(args))
        .contains("--mqtt-password-env: environment variable " + UNSET_VAR + " is not set");
  }

  @Test
  void shouldRequireAKafkaPasswordWhenAUserIsGiven() throws Exception {
    List<String> args = valid();
    args.addAll(List.of("--kafka-username", "ingest", "--kafka-password-env", UNSET_VAR));

    assertThat(failing(args)).contains("--kafka-password-env: ");
  }

  @Test
  void shouldBuildTheConfigFromOptionsAndNamedVariables() throws Exception {
    BridgeCommand command = new BridgeCommand();
    List<String> args = valid();
    args.remove(0);
    args.addAll(
        List.of(
            "--kafka-username",
            "ingest",
            "--kafka-password-env",
            "KAFKA_PW",
            "--client-id",
            "bridge-a",
            "--http-port",
            "0"));
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    command.environment = Map.of("KAFKA_PW", "k-secret")::get;

    BridgeConfig config = command.config();

    assertThat(config.mqttPassword()).isEqualTo("s3cret");
    assertThat(config.kafka().password()).hasValue("k-secret");
    assertThat(config.clientId()).isEqualTo("bridge-a");
    assertThat(config.mqtt().tls()).isFalse();
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("k-secret");
  }
}
