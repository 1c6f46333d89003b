package io.plantline.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

  private static final String FULL =
      """
      gateway: {id: gw-1, site: site-1}
      defaults: {timeout: 1s, retries: 1, maxGap: 8, quarantineAfter: 5, quarantineProbe: 60s, \
      maxSilence: 60s, deadband: 0.25}
      devices:
        - id: spindle-001
          area: machining
          endpoint: 127.0.0.1:1502
          unitId: 1
          registerMap: motor-spindle
          pollClasses: {fast: 500ms}
          timeout: 500ms
          retries: 2
          deadband: {default: 0.5, points: {speed_rpm: 5.0}}
          maxSilence: 30s
          spikeFilter: {type: hampel, halfWindow: 4, nSigmas: 2.5, points: [winding_temperature_c]}
        - id: meter-01
          area: utilities
          endpoint: 127.0.0.1:1502
          registerMap: maps/custom-meter.yaml
          maxGap: 0
          spikeFilter: {type: median3, points: [power_kw]}
      uplinks:
        mqtt:
          url: ssl://Broker.local:8883
          username: gw-1
          passwordFile: secrets/mqtt.pw
          caFile: certs/ca.pem
          keepAlive: 20s
          maxInflight: 500
        kafka:
          bootstrapServers: kafka-1:9092, kafka-2:9093
          topic: telemetry.raw.v1
          username: gw-1
          passwordEnv: PLANTLINE_KAFKA_PASSWORD
      journal: {directory: /var/lib/plantline/journal, maxBytes: 2GiB, segmentBytes: 16MiB, \
      fsync: interval, fsyncInterval: 100ms, overflow: reject-new}
      replay: {maxRecordsPerSecond: 2000}
      http: {bind: 0.0.0.0, port: 0}
      """;

  private static final String CUSTOM_METER =
      """
      deviceType: custom-meter
      version: 1.0.0
      unitId: 7
      points:
        - {name: power_kw, address: "ir:0", type: float32, unit: kW}
        - {name: energy_kwh, address: "ir:2", type: uint32, order: CDAB, scale: 0.1, pollClass: slow}
      """;

  private static final String MINIMAL =
      """
      gateway: {id: gw-1, site: site-1}
      devices:
        - {id: csv-1, area: lab, endpoint: localhost:5020, registerMap: csv-replay}
      uplinks:
        kafka: {bootstrapServers: 127.0.0.1:9092}
      journal: {directory: data/journal}
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeFiles() throws IOException {
    Files.createDirectories(dir.resolve("maps"));
    Files.createDirectories(dir.resolve("secrets"));
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("maps/custom-meter.yaml"), CUSTOM_METER);
    Files.writeString(dir.resolve("secrets/mqtt.pw"), "s3cret-mqtt\n");
    Files.writeString(dir.resolve("certs/ca.pem"), "-----BEGIN CERTIFICATE-----\n");
  }

  private GatewayConfig parseFull() {
    return GatewayConfig.parse(
        FULL, "gateway.yaml", dir, Map.of("PLANTLINE_KAFKA_PASSWORD", "s3cret-kafka")::get);
  }

  @Test
  void shouldReadTheGatewayAndItsTopLevelSections() {
    GatewayConfig config = parseFull();

    assertThat(config.gatewayId()).isEqualTo("gw-1");
    assertThat(config.siteId()).isEqualTo("site-1");
    assertThat(config.replayMaxRecordsPerSecond()).isEqualTo(2000);
    assertThat(config.httpBind()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isZero();
    assertThat(config.journal())
        .isEqualTo(
            new JournalSettings(
                Path.of("/var/lib/plantline/journal"),
                2L << 30,
                16L << 20,
                "interval",
                Duration.ofMillis(100),
                "reject-new"));
  }

  @Test
  void shouldApplyADevicesOwnSettingsOverTheDefaults() {
    DeviceConfig spindle = parseFull().devices().get(0);

    assertThat(spindle.deviceId()).isEqualTo("spindle-001");
    assertThat(spindle.areaId()).isEqualTo("machining");
    assertThat(spindle.endpoint()).isEqualTo("127.0.0.1:1502");
    assertThat(spindle.unitId()).isEqualTo(1);
    assertThat(spindle.registerMap().deviceType()).isEqualTo("motor-spindle");
    assertThat(spindle.pollClasses())
        .containsExactly(
            Map.entry("fast", Duration.ofMillis(500)),
            Map.entry("normal", Duration.ofSeconds(1)),
            Map.entry("slow", Duration.ofSeconds(10)));
    assertThat(spindle.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(spindle.retries()).isEqualTo(2);
    assertThat(spindle.maxGap()).isEqualTo(8);
    assertThat(spindle.quarantineAfter()).isEqualTo(5);
    assertThat(spindle.quarantineProbe()).isEqualTo(Duration.ofSeconds(60));
    assertThat(spindle.maxSilence()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spindle.deadbandOf("speed_rpm")).isEqualTo(5.0);
    assertThat(spindle.deadbandOf("current_a")).isEqualTo(0.5);
    assertThat(spindle.spikeFilterType()).isEqualTo("hampel");
    assertThat(spindle.hampelHalfWindow()).isEqualTo(4);
    assertThat(spindle.hampelSigmas()).isEqualTo(2.5);
    assertThat(spindle.spikeFilterPoints()).containsExactly("winding_temperature_c");
  }

  @Test
  void shouldCheckAWriteAgainstTheMapThenThisMachinesNarrowerLimits(@TempDir Path dir) {
    String yaml =
        """
        gateway: {id: gw-1, site: site-1}
        devices:
          - id: spindle-001
            area: machining
            endpoint: 127.0.0.1:1502
            registerMap: motor-spindle
            writeLimits: {speed_setpoint_rpm: {min: 500, max: 8000}}
        uplinks:
          mqtt: {url: tcp://127.0.0.1:1883, username: gw-1, passwordEnv: PASSWORD}
        journal: {directory: journal}
        """;
    DeviceConfig spindle =
        GatewayConfig.parse(yaml, "gateway.yaml", dir, name -> "s3cret").devices().get(0);
    io.plantline.registermap.PointDefinition setpoint =
        spindle.registerMap().point("speed_setpoint_rpm").orElseThrow();
    assertThat(spindle.writeLimits())
        .containsEntry("speed_setpoint_rpm", new WriteLimits(500, 8000));
    assertThat(spindle.writeViolation(setpoint, 7999.5)).isEmpty();
    assertThat(spindle.writeViolation(setpoint, 8000.5))
        .hasValue("speed_setpoint_rpm = 8000.5 is above this machine's maximum 8000.0");
    assertThat(spindle.writeViolation(setpoint, 100))
        .hasValue("speed_setpoint_rpm = 100.0 is below this machine's minimum 500.0");
    assertThat(spindle.writeViolation(setpoint, 13000))
        .as("the device type's own limit is reported first")
        .hasValue("speed_setpoint_rpm = 13000.0 rpm is above its maximum 12000.0");
  }

  @Test
  void shouldTakeTheDefaultsSectionAndTheMapsUnitIdForADeviceThatSetsNothing() {
    DeviceConfig meter = parseFull().devices().get(1);

    assertThat(meter.registerMap().deviceType()).isEqualTo("custom-meter");
    assertThat(meter.unitId()).isEqualTo(7);
    assertThat(meter.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(meter.maxGap()).isZero();
    assertThat(meter.maxSilence()).isEqualTo(Duration.ofSeconds(60));
    assertThat(meter.defaultDeadband()).isEqualTo(0.25);
    assertThat(meter.deadbands()).isEmpty();
    assertThat(meter.spikeFilterType()).isEqualTo("median3");
    assertThat(meter.spikeFilterPoints()).containsExactly("power_kw");
  }

  @Test
  void shouldReadTheMqttUplinkWithItsPasswordFileAndCaFile() {
    MqttUplinkConfig mqtt = parseFull().mqtt().orElseThrow();

    assertThat(mqtt.host()).isEqualTo("broker.local");
    assertThat(mqtt.port()).isEqualTo(8883);
    assertThat(mqtt.tls()).isTrue();
    assertThat(mqtt.url()).isEqualTo("ssl://broker.local:8883");
    assertThat(mqtt.username()).isEqualTo("gw-1");
    assertThat(mqtt.password()).isEqualTo("s3cret-mqtt");
    assertThat(mqtt.caFile()).contains(dir.resolve("certs/ca.pem"));
    assertThat(mqtt.keepAlive()).isEqualTo(Duration.ofSeconds(20));
    assertThat(mqtt.maxInflight()).isEqualTo(500);
    assertThat(mqtt.toString()).doesNotContain("s3cret").contains("password=****");
  }

  @Test
  void shouldReadTheKafkaUplinkWithSaslPlainCredentialsFromTheEnvironment() {
    KafkaUplinkConfig kafka = parseFull().kafka().orElseThrow();

    assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9093");
    assertThat(kafka.securityProtocol()).isEqualTo("SASL_PLAINTEXT");
    assertThat(kafka.username()).contains("gw-1");
    assertThat(kafka.password()).contains("s3cret-kafka");
    assertThat(kafka.clientProperties())
        .containsExactly(
            Map.entry("bootstrap.servers", "kafka-1:9092,kafka-2:9093"),
            Map.entry("security.protocol", "SASL_PLAINTEXT"),
            Map.entry("sasl.mechanism", "PLAIN"),
            Map.entry(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"gw-1\" password=\"s3cret-kafka\";"));
    assertThat(kafka.toString()).doesNotContain("s3cret").contains("password=****");
  }

  @Test
  void shouldReadAKafkaUplinkOverTlsWithScramByDefault() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("kafka-ca.pem"), "ca");
    String yaml =
        MINIMAL.replace(
            "kafka: {bootstrapServers: 127.0.0.1:9092}",
            "kafka: {bootstrapServers: \"kafka-1:9093\", securityProtocol: SASL_SSL, username:"
                + " gw-1, passwordEnv: KAFKA_PW, caFile: kafka-ca.pem}");
    KafkaUplinkConfig kafka =
        GatewayConfig.parse(yaml, "gateway.yaml", dir, name -> "s3cret-kafka")
            .kafka()
            .orElseThrow();

    assertThat(kafka.tls()).isTrue();
    assertThat(kafka.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", dir.resolve("kafka-ca.pem").toString());
    assertThat(kafka.clientProperties().get("sasl.jaas.config").toString())
        .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    assertThat(kafka.toString()).doesNotContain("s3cret").contains("saslMechanism=SCRAM-SHA-512");
  }

  @Test
  void shouldEscapeQuotesInTheJaasConfig() {
    KafkaUplinkConfig kafka =
        new KafkaUplinkConfig(
            "k:9092",
            "telemetry.raw.v1",
            "SASL_PLAINTEXT",
            "PLAIN",
            Optional.of("gw"),
            Optional.of("a\"b\\c"),
            Optional.empty());

    assertThat(kafka.clientProperties().get("sasl.jaas.config").toString())
        .endsWith("password=\"a\\\"b\\\\c\";");
  }

  @Test
  void shouldFillDocumentedDefaultsForAMinimalFile() {
    GatewayConfig config = GatewayConfig.parse(MINIMAL, "gateway.yaml", dir, name -> null);

    DeviceConfig device = config.devices().get(0);
    assertThat(device.endpoint()).isEqualTo("localhost:5020");
    assertThat(device.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(device.retries()).isEqualTo(1);
    assertThat(device.maxGap()).isEqualTo(8);
    assertThat(device.quarantineAfter()).isEqualTo(5);
    assertThat(device.quarantineProbe()).isEqualTo(Duration.ofSeconds(60));
    assertThat(device.maxSilence()).isEqualTo(Duration.ofSeconds(60));
    assertThat(device.deadbandOf("value")).isZero();
    assertThat(device.spikeFilterType()).isEqualTo("none");
    assertThat(device.spikeFilterPoints()).isEmpty();
    assertThat(config.mqtt()).isEmpty();
    assertThat(config.kafka().orElseThrow().clientProperties())
        .containsExactly(
            Map.entry("bootstrap.servers", "127.0.0.1:9092"),
            Map.entry("security.protocol", "PLAINTEXT"));
    assertThat(config.kafka().orElseThrow().topic()).isEqualTo("telemetry.raw.v1");
    assertThat(config.journal())
        .isEqualTo(
            new JournalSettings(
                dir.resolve("data/journal"),
                1L << 30,
                8L << 20,
                "interval",
                Duration.ofMillis(200),
                "drop-oldest"));
    assertThat(config.replayMaxRecordsPerSecond()).isEqualTo(5000);
    assertThat(config.httpBind()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(8080);
  }

  @Test
  void shouldShareOneRegisterMapBetweenDevicesOfOneType() {
    String yaml =
        MINIMAL.replace(
            "  - {id: csv-1, area: lab, endpoint: localhost:5020, registerMap: csv-replay}",
            """
              - {id: csv-1, area: lab, endpoint: localhost:5020, registerMap: csv-replay}
              - {id: csv-2, area: lab, endpoint: localhost:5020, unitId: 2, registerMap: csv-replay}\
            """);

    GatewayConfig config = GatewayConfig.parse(yaml, "gateway.yaml", dir, name -> null);

    assertThat(config.devices()).hasSize(2);
    assertThat(config.devices().get(1).registerMap())
        .isSameAs(config.devices().get(0).registerMap());
  }

  @Test
  void shouldLoadAFileAndResolvePathsAgainstItsDirectory() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, MINIMAL);

    GatewayConfig config = GatewayConfig.load(file);

    assertThat(config.journal().directory()).isEqualTo(dir.resolve("data/journal"));
  }

  @Test
  void shouldNameTheFileWhenItCannotBeRead() {
    Path missing = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> GatewayConfig.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": $: cannot read the file (NoSuchFileException)");
  }

  @Test
  void shouldAcceptABracketedIpv6Endpoint() {
    String yaml = MINIMAL.replace("endpoint: localhost:5020", "endpoint: '[::1]:5020'");

    DeviceConfig device =
        GatewayConfig.parse(yaml, "gateway.yaml", dir, name -> null).devices().get(0);

    assertThat(device.host()).isEqualTo("::1");
    assertThat(device.port()).isEqualTo(5020);
    assertThat(device.endpoint()).isEqualTo("[::1]:5020");
  }
}
