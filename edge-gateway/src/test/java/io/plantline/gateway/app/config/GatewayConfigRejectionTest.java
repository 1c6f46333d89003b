package io.plantline.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rejection per rule, each asserting the exact one-line message. */
class GatewayConfigRejectionTest {

  private static final String VALID =
      """
      gateway: {id: gw-1, site: site-1}
      devices:
        - id: spindle-001
          area: machining
          endpoint: 127.0.0.1:1502
          registerMap: motor-spindle
      uplinks:
        mqtt: {url: tcp://127.0.0.1:1883, username: gw-1, passwordEnv: PLANTLINE_MQTT_PASSWORD}
      journal: {directory: journal}
      """;

  private static final String DEVICE =
      """
        - id: spindle-001
          area: machining
          endpoint: 127.0.0.1:1502
          registerMap: motor-spindle
      """;

  private static final Function<String, String> ENV =
      Map.of("PLANTLINE_MQTT_PASSWORD", "s3cret", "EMPTY", "")::get;

  @TempDir Path dir;

  private static String with(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  private static String withDeviceKeys(String keys) {
    return with("    registerMap: motor-spindle\n", "    registerMap: motor-spindle\n" + keys);
  }

  private static String withJournal(String journal) {
    return with("journal: {directory: journal}", "journal: " + journal);
  }

  private static String withMqtt(String mqtt) {
    return with(
        "  mqtt: {url: tcp://127.0.0.1:1883, username: gw-1, passwordEnv: PLANTLINE_MQTT_PASSWORD}",
        "  mqtt: " + mqtt);
  }

  private void rejects(String yaml, String message) {
    assertThatThrownBy(() -> GatewayConfig.parse(yaml, "gateway.yaml", dir, ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void shouldAcceptTheBaseConfigurationOfTheseTests() {
    assertThat(GatewayConfig.parse(VALID, "gateway.yaml", dir, ENV).devices()).hasSize(1);
  }

  @Test
  void shouldRejectAMissingRequiredKey() {
    rejects(
        with("gateway: {id: gw-1, site: site-1}", "gateway: {id: gw-1}"),
        "gateway.yaml: gateway.site: missing required key");
  }

  @Test
  void shouldRejectAnUnknownKey() {
    rejects(
        withDeviceKeys("    timout: 1s\n"),
        "gateway.yaml: devices[0].timout: unknown key; expected one of id, area, endpoint, unitId,"
            + " registerMap, pollClasses, timeout, retries, maxGap, quarantineAfter,"
            + " quarantineProbe, maxSilence, deadband, spikeFilter, writeLimits");
    rejects(
        VALID + "journl: {directory: x}\n",
        "gateway.yaml: journl: unknown key; expected one of gateway, defaults, devices, uplinks,"
            + " journal, replay, http");
  }

  @Test
  void shouldRejectABadId() {
    rejects(
        with("id: spindle-001", "id: spindle 001"),
        "gateway.yaml: devices[0].id: must be an id of 1 to 64 characters A-Z a-z 0-9 . _ -"
            + " starting with a letter or digit, was spindle 001");
    rejects(
        with("site: site-1", "site: -site"),
        "gateway.yaml: gateway.site: must be an id of 1 to 64 characters A-Z a-z 0-9 . _ -"
            + " starting with a letter or digit, was -site");
  }

  @Test
  void shouldRejectABadEndpoint() {
    rejects(
        with("endpoint: 127.0.0.1:1502", "endpoint: 127.0.0.1"),
        "gateway.yaml: devices[0].endpoint: must be host:port with a port 1..65535, was 127.0.0.1");
    rejects(
        with("endpoint: 127.0.0.1:1502", "endpoint: plc-7:70000"),
        "gateway.yaml: devices[0].endpoint: must be host:port with a port 1..65535, was plc-7:70000");
  }

  @Test
  void shouldRejectWriteLimitsThatWidenTheMapsOrNameNoWritableNumber() {
    String at = "gateway.yaml: devices[0].writeLimits.";
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpoint_rpm: {max: 20000}}\n"),
        at
            + "speed_setpoint_rpm.max: 20000.0 lies outside the limits of register map point"
            + " speed_setpoint_rpm [0.0, 12000.0]; an installation may only narrow them");
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpoint_rpm: {min: 5000, max: 4000}}\n"),
        at + "speed_setpoint_rpm.min: is above max (5000.0 > 4000.0)");
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpoint_rpm: {}}\n"),
        at + "speed_setpoint_rpm: needs min, max or both");
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpoint_rpm: {max: fast}}\n"),
        at + "speed_setpoint_rpm.max: must be a finite number, was fast");
    rejects(
        withDeviceKeys("    writeLimits: {speed_rpm: {max: 100}}\n"),
        at + "speed_rpm: the point is read-only");
    rejects(
        withDeviceKeys("    writeLimits: {run_command: {max: 1}}\n"),
        at + "run_command: write limits apply to numeric points only, not BOOL");
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpont_rpm: {max: 100}}\n"),
        at + "speed_setpont_rpm: no such point in register map 'motor-spindle'");
    rejects(
        withDeviceKeys("    writeLimits: {speed_setpoint_rpm: {max: 100, step: 10}}\n"),
        at + "speed_setpoint_rpm.step: unknown key; expected one of min, max");
  }

  @Test
  void shouldRejectADuplicateDeviceId() {
    String second = DEVICE.replace("127.0.0.1:1502", "127.0.0.1:1503");

    rejects(
        with(DEVICE, DEVICE + second),
        "gateway.yaml: devices[1].id: duplicate device id 'spindle-001', also devices[0]");
  }

  @Test
  void shouldRejectTwoDevicesWithTheSameEndpointAndUnitId() {
    String second = DEVICE.replace("spindle-001", "spindle-002").replace("127.0.0.1", "LocalHost");
    String first = DEVICE.replace("127.0.0.1", "localhost");

    rejects(
        with(DEVICE, first + second),
        "gateway.yaml: devices[1].unitId: unit id 1 on endpoint localhost:1502 is already used by"
            + " devices[0] (spindle-001)");
  }

  @Test
  void shouldRejectABadDuration() {
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      devices.append(DEVICE.replace("spindle-001", "spindle-00" + i).replace("1502", "150" + i));
    }
    devices.append("    timeout: 0s\n");

    rejects(
        with(DEVICE, devices.toString()),
        "gateway.yaml: devices[3].timeout: must be a duration between 50ms and 60s, was 0s");
    rejects(
        withDeviceKeys("    maxSilence: 1.5s\n"),
        "gateway.yaml: devices[0].maxSilence: must be a duration between 0s and 24h, was 1.5s");
    rejects(
        VALID + "defaults: {quarantineProbe: 30}\n",
        "gateway.yaml: defaults.quarantineProbe: must be a duration between 1s and 1h, was 30");
  }

  @Test
  void shouldRejectABadSize() {
    rejects(
        withJournal("{directory: journal, segmentBytes: 8MB}"),
        "gateway.yaml: journal.segmentBytes: must be a size (B, KiB, MiB, GiB) between 64KiB and"
            + " 1GiB, was 8MB");
  }

  @Test
  void shouldRejectAnOutOfRangeNumber() {
    rejects(
        VALID + "defaults: {retries: 11}\n",
        "gateway.yaml: defaults.retries: must be a whole number between 0 and 10, was 11");
  }

  @Test
  void shouldRejectAnUnknownRegisterMap() {
    rejects(
        with("registerMap: motor-spindle", "registerMap: motor-spindel"),
        "gateway.yaml: devices[0].registerMap: unknown register map 'motor-spindel'; use a"
            + " built-in type (csv-replay, energy-meter, motor-spindle, pump, quality-gauge) or a"
            + " map file relative to the configuration file");
  }

  @Test
  void shouldRejectAnInvalidRegisterMapFileWithItsOwnKeyPath() throws IOException {
    Path map = dir.resolve("broken.yaml");
    Files.writeString(map, "deviceType: broken\nversion: 1.0.0\nunitId: 300\npoints: []\n");

    rejects(
        with("registerMap: motor-spindle", "registerMap: broken.yaml"),
        "gateway.yaml: devices[0].registerMap: invalid register map: "
            + map
            + ": unitId: unit id 300 is outside 0..255");
  }

  @Test
  void shouldRejectAnUnknownPollClass() {
    rejects(
        withDeviceKeys("    pollClasses: {turbo: 100ms}\n"),
        "gateway.yaml: devices[0].pollClasses.turbo: unknown poll class of register map"
            + " 'motor-spindle'; it has fast, normal, slow");
  }

  @Test
  void shouldRejectAnUnknownPointInTheDeadbands() {
    rejects(
        withDeviceKeys("    deadband: {default: 0.1, points: {speed_rmp: 5.0}}\n"),
        "gateway.yaml: devices[0].deadband.points.speed_rmp: unknown point 'speed_rmp' of register"
            + " map 'motor-spindle'");
  }

  @Test
  void shouldRejectAnUnknownOrNonNumericPointInTheSpikeFilter() {
    rejects(
        withDeviceKeys("    spikeFilter: {type: median3, points: [speed_rpm, winding_temp]}\n"),
        "gateway.yaml: devices[0].spikeFilter.points[1]: unknown point 'winding_temp' of register"
            + " map 'motor-spindle'");
    rejects(
        withDeviceKeys("    spikeFilter: {type: hampel, points: [serial_number]}\n"),
        "gateway.yaml: devices[0].spikeFilter.points[0]: point 'serial_number' is not numeric, it"
            + " is STRING");
  }

  @Test
  void shouldRejectHampelSettingsOnAnotherFilter() {
    rejects(
        withDeviceKeys("    spikeFilter: {type: median3, nSigmas: 3, points: [speed_rpm]}\n"),
        "gateway.yaml: devices[0].spikeFilter.nSigmas: only used with type: hampel");
  }

  @Test
  void shouldRejectAMissingOrEmptyPasswordEnvironmentVariable() {
    rejects(
        with("passwordEnv: PLANTLINE_MQTT_PASSWORD", "passwordEnv: PLANTLINE_MQTT_PW"),
        "gateway.yaml: uplinks.mqtt.passwordEnv: environment variable PLANTLINE_MQTT_PW is not set"
            + " or empty");
    rejects(
        with("passwordEnv: PLANTLINE_MQTT_PASSWORD", "passwordEnv: EMPTY"),
        "gateway.yaml: uplinks.mqtt.passwordEnv: environment variable EMPTY is not set or empty");
  }

  @Test
  void shouldRejectAPasswordWrittenInTheFile() {
    rejects(
        with("passwordEnv: PLANTLINE_MQTT_PASSWORD", "password: hunter2"),
        "gateway.yaml: uplinks.mqtt.password: passwords never go in the file; use passwordFile or"
            + " passwordEnv");
  }

  @Test
  void shouldRejectNoneOrBothPasswordSources() {
    rejects(
        with(", passwordEnv: PLANTLINE_MQTT_PASSWORD", ""),
        "gateway.yaml: uplinks.mqtt.passwordFile: missing; set passwordFile or passwordEnv");
    rejects(
        with("passwordEnv:", "passwordFile: mqtt.pw, passwordEnv:"),
        "gateway.yaml: uplinks.mqtt.passwordEnv: set either passwordFile or passwordEnv, not both");
  }

  @Test
  void shouldRejectAMissingPasswordFile() {
    rejects(
        with("passwordEnv: PLANTLINE_MQTT_PASSWORD", "passwordFile: secrets/none.pw"),
        "gateway.yaml: uplinks.mqtt.passwordFile: cannot read "
            + dir.resolve("secrets/none.pw")
            + " (NoSuchFileException)");
  }

  @Test
  void shouldRejectSslWithoutACaFile() {
    rejects(
        with("url: tcp://127.0.0.1:1883", "url: ssl://broker:8883"),
        "gateway.yaml: uplinks.mqtt.caFile: missing; required for an ssl:// url");
  }

  @Test
  void shouldRejectABadMqttUrl() {
    rejects(
        withMqtt("{url: http://broker:1883, username: gw-1, passwordEnv: PLANTLINE_MQTT_PASSWORD}"),
        "gateway.yaml: uplinks.mqtt.url: must be tcp://host:port or ssl://host:port, was"
            + " http://broker:1883");
  }

  @Test
  void shouldRejectAConfigurationWithoutUplinks() {
    String withoutMqtt =
        with(
            "  mqtt: {url: tcp://127.0.0.1:1883, username: gw-1, passwordEnv: PLANTLINE_MQTT_PASSWORD}\n",
            "");

    rejects(
        withoutMqtt.replace("uplinks:\n", ""),
        "gateway.yaml: uplinks: at least one uplink is required: mqtt or kafka");
    rejects(
        withoutMqtt.replace("uplinks:\n", "uplinks: {}\n"),
        "gateway.yaml: uplinks: at least one uplink is required: mqtt or kafka");
  }

  @Test
  void shouldRejectKafkaCredentialsWithPlaintext() {
    rejects(
        with(
            "journal:",
            "  kafka: {bootstrapServers: k:9092, securityProtocol: PLAINTEXT, username: gw-1}\n"
                + "journal:"),
        "gateway.yaml: uplinks.kafka.username: not used with PLAINTEXT; set securityProtocol:"
            + " SASL_SSL (or SASL_PLAINTEXT)");
  }

  @Test
  void shouldRequireACaFileForKafkaOverTlsAndOnlyThere() throws Exception {
    String tls =
        "  kafka: {bootstrapServers: k:9093, securityProtocol: SASL_SSL, username: gw-1,"
            + " passwordEnv: PLANTLINE_MQTT_PASSWORD%s}\njournal:";
    rejects(
        with("journal:", tls.formatted("")),
        "gateway.yaml: uplinks.kafka.caFile: missing; required for securityProtocol: SASL_SSL");
    rejects(
        with("journal:", tls.formatted(", caFile: nowhere.pem")),
        "gateway.yaml: uplinks.kafka.caFile: cannot read " + dir.resolve("nowhere.pem"));
    rejects(
        with("journal:", tls.formatted(", saslMechanism: GSSAPI")),
        "gateway.yaml: uplinks.kafka.saslMechanism: must be one of PLAIN, SCRAM-SHA-256,"
            + " SCRAM-SHA-512, was GSSAPI");
    java.nio.file.Files.writeString(dir.resolve("ca.pem"), "ca");
    rejects(
        with(
            "journal:",
            "  kafka: {bootstrapServers: k:9092, username: gw-1, passwordEnv:"
                + " PLANTLINE_MQTT_PASSWORD, caFile: ca.pem}\njournal:"),
        "gateway.yaml: uplinks.kafka.caFile: only used with securityProtocol: SASL_SSL");
  }

  @Test
  void shouldRejectBadKafkaBootstrapServers() {
    rejects(
        with("journal:", "  kafka: {bootstrapServers: 'k1:9092,,k2'}\njournal:"),
        "gateway.yaml: uplinks.kafka.bootstrapServers: must be a comma-separated list of"
            + " host:port, was k1:9092,,k2");
  }

  @Test
  void shouldRejectABadHttpBindOrPort() {
    rejects(
        VALID + "http: {bind: 'local host'}\n",
        "gateway.yaml: http.bind: must be a host name or IP address, was local host");
    rejects(
        VALID + "http: {port: 65536}\n",
        "gateway.yaml: http.port: must be a whole number between 0 and 65535, was 65536");
  }

  @Test
  void shouldRejectMaxBytesBelowTwoSegments() {
    rejects(
        withJournal("{directory: journal, maxBytes: 16MiB, segmentBytes: 12MiB}"),
        "gateway.yaml: journal.maxBytes: must be at least twice segmentBytes (24MiB), was 16MiB");
  }

  @Test
  void shouldRejectAnUnknownFsyncOrOverflowPolicy() {
    rejects(
        withJournal("{directory: journal, fsync: sometimes}"),
        "gateway.yaml: journal.fsync: must be one of always, interval, never, was sometimes");
    rejects(
        withJournal("{directory: journal, overflow: block}"),
        "gateway.yaml: journal.overflow: must be one of drop-oldest, reject-new, was block");
  }

  @Test
  void shouldRejectAnFsyncIntervalThatWouldBeIgnored() {
    rejects(
        withJournal("{directory: journal, fsync: always, fsyncInterval: 1s}"),
        "gateway.yaml: journal.fsyncInterval: only used with fsync: interval");
  }

  @Test
  void shouldRejectAnEmptyDeviceList() {
    rejects(
        with(DEVICE, "").replace("devices:\n", "devices: []\n"),
        "gateway.yaml: devices: must be a list of at least one device, was an empty list");
  }

  @Test
  void shouldRejectAnEmptyFileAndDuplicateKeys() {
    rejects("", "gateway.yaml: $: the file is empty");
    rejects(
        with("gateway: {id: gw-1, site: site-1}", "gateway: {id: gw-1, id: gw-2, site: site-1}"),
        "gateway.yaml: gateway.id: duplicate key");
  }
}
