package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttAccessList;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's access list from the plant inventory ({@link MqttAccessList}) on a real Mosquitto
 * with its TLS listener only: two gateways of one site, each with its own user and devices, a
 * reader (the bridge's role) and a commander (setpoints). Each principal can do what its role
 * needs, over TLS; a gateway's credentials cannot forge another gateway's telemetry, nor subscribe
 * to its commands, and a reader cannot send commands; denied publications appear in the broker's
 * log; a wrong password and a plain-text connection are refused.
 */
class MqttAccessListIT {
  private static final String SITE = "site-gw";
  private static final String AREA = "area-gw";
  private static final String DEVICE_A = "spindle-001";
  private static final String DEVICE_B = "spindle-002";

  @Test
  void shouldGrantEachPrincipalOnlyItsOwnTopics(@TempDir Path dir) throws Exception {
    Credentials gatewayA = Credentials.generate("gateway-site-gw-1");
    Credentials gatewayB = Credentials.generate("gateway-site-gw-2");
    Credentials reader = Credentials.generate("ingestion-bridge");
    Credentials commander = Credentials.generate("setpoint-commander");
    MqttAccessList acl =
        new MqttAccessList(
            List.of(
                new MqttAccessList.Gateway(
                    gatewayA.username(),
                    "gw-a",
                    SITE,
                    List.of(new MqttAccessList.Device(AREA, DEVICE_A))),
                new MqttAccessList.Gateway(
                    gatewayB.username(),
                    "gw-b",
                    SITE,
                    List.of(new MqttAccessList.Device(AREA, DEVICE_B)))),
            List.of(reader.username()),
            List.of(new MqttAccessList.Commander(commander.username(), List.of(SITE))));
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt =
            MosquittoServer.start(
                MosquittoOptions.defaults()
                    .withUsers(List.of(gatewayA, gatewayB, reader, commander))
                    .withAcl(acl.mosquittoAclFile())
                    .tlsOnly());
        SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("spindle", "motor-spindle", 2, 100))) {
      assertThat(mqtt.hasPlainListener()).isFalse();
      int tlsPort = mqtt.tlsPort().orElseThrow();
      Path ca = mqtt.caCertificate().orElseThrow();
      GatewayRuntime first = startGateway(vertx, dir, "gw-a", DEVICE_A, gatewayA, mqtt, plant);
      GatewayRuntime second = startGateway(vertx, dir, "gw-b", DEVICE_B, gatewayB, mqtt, plant);

      // The reader sees both gateways' telemetry and status.
      Map<String, List<String>> seen = new ConcurrentHashMap<>();
      MqttClient bridge = connect(vertx, "acl-it-reader", reader, tlsPort, ca);
      bridge.publishHandler(
          m ->
              seen.computeIfAbsent(m.topicName(), t -> new CopyOnWriteArrayList<>())
                  .add(m.payload().toString(StandardCharsets.UTF_8)));
      SimulatedPlant.await(
          bridge.subscribe(
              Map.of(
                  MqttTopic.filter(MqttTopic.Kind.TELEMETRY), 1,
                  MqttTopic.filter(MqttTopic.Kind.STATUS), 1)));
      String telemetryA = MqttTopic.telemetry(SITE, AREA, DEVICE_A).value();
      String telemetryB = MqttTopic.telemetry(SITE, AREA, DEVICE_B).value();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> seen.containsKey(telemetryA) && seen.containsKey(telemetryB));
      assertThat(seen).containsKey(MqttAccessList.gatewayStatusTopic(SITE, "gw-a"));

      // The commander reaches each gateway through its own devices' command topics only.
      Map<UUID, List<SetpointResult>> results = new ConcurrentHashMap<>();
      MqttClient operator = connect(vertx, "acl-it-commander", commander, tlsPort, ca);
      operator.publishHandler(
          m -> {
            SetpointResult r = Codecs.SETPOINT_RESULT.decode(m.payload().getBytes());
            results.computeIfAbsent(r.commandId(), id -> new CopyOnWriteArrayList<>()).add(r);
          });
      SimulatedPlant.await(
          operator.subscribe(MqttTopic.filter(MqttTopic.Kind.COMMAND_RESULT, SITE), 1));
      for (String device : List.of(DEVICE_A, DEVICE_B)) {
        SetpointCommand command = setpoint(device, 1500);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  publish(operator, MqttTopic.command(SITE, AREA, device).value(), command);
                  return results.containsKey(command.commandId());
                });
        assertThat(results.get(command.commandId()))
            .as("answered by the owning gateway only")
            .allSatisfy(
                r -> {
                  assertThat(r.outcome()).isEqualTo(SetpointOutcome.APPLIED);
                  assertThat(r.deviceId()).isEqualTo(device);
                });
        assertThat(plant.device(device).values().get("speed_setpoint_rpm")).isEqualTo(1500.0);
      }

      // Gateway B's password, another client id: reading A's commands and forging A's telemetry
      // are refused, its own topics still work. (Mosquitto grants a subscription of an MQTT 3.1.1
      // client and then withholds every message the ACL does not let the user read.)
      MqttClient forger = connect(vertx, "acl-it-forger", gatewayB, tlsPort, ca);
      List<String> overheard = new CopyOnWriteArrayList<>();
      forger.publishHandler(m -> overheard.add(m.topicName()));
      SimulatedPlant.await(
          forger.subscribe(
              Map.of(
                  MqttTopic.command(SITE, AREA, DEVICE_A).value(), 1,
                  MqttTopic.command(SITE, AREA, DEVICE_B).value(), 1)));
      SetpointCommand forA = setpoint(DEVICE_A, 1600);
      publish(operator, MqttTopic.command(SITE, AREA, DEVICE_A).value(), forA);
      publish(operator, MqttTopic.command(SITE, AREA, DEVICE_B).value(), setpoint(DEVICE_B, 1600));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> overheard.contains(MqttTopic.command(SITE, AREA, DEVICE_B).value()));
      await().atMost(Duration.ofSeconds(10)).until(() -> results.containsKey(forA.commandId()));
      assertThat(overheard)
          .as("commands delivered to gateway B's user")
          .containsExactly(MqttTopic.command(SITE, AREA, DEVICE_B).value());
      String forged = "forged-" + UUID.randomUUID();
      String marker = "marker-" + UUID.randomUUID();
      SimulatedPlant.await(
          forger.publish(telemetryA, Buffer.buffer(forged), MqttQoS.AT_LEAST_ONCE, false, false));
      SimulatedPlant.await(
          forger.publish(telemetryB, Buffer.buffer(marker), MqttQoS.AT_LEAST_ONCE, false, false));
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.get(telemetryB).contains(marker));
      assertThat(seen.get(telemetryA)).as("forged telemetry delivered").doesNotContain(forged);

      // The reader may not command.
      SetpointCommand sneaky = setpoint(DEVICE_A, 50);
      publish(bridge, MqttTopic.command(SITE, AREA, DEVICE_A).value(), sneaky);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline
          && !Files.readString(mqtt.logFile()).contains("Denied PUBLISH from acl-it-reader")) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(mqtt.logFile()))
          .as("the broker's log")
          .contains("Denied PUBLISH from acl-it-reader");
      List<String> log = Files.readAllLines(mqtt.logFile());
      assertThat(log.stream().filter(line -> line.contains("Denied PUBLISH from acl-it-forger")))
          .as("the forged publication in the broker's log")
          .singleElement()
          .satisfies(line -> assertThat(line).contains("'" + telemetryA + "'"));
      assertThat(log).noneMatch(line -> line.contains("Received PUBLISH"));
      assertThat(results).doesNotContainKey(sneaky.commandId());
      assertThat(plant.device(DEVICE_A).values().get("speed_setpoint_rpm")).isEqualTo(1600.0);

      // A wrong password is refused.
      Credentials wrong = new Credentials(gatewayA.username(), "not-" + gatewayA.password());
      assertThatThrownBy(() -> connect(vertx, "acl-it-wrong", wrong, tlsPort, ca))
          .hasMessageContaining("NOT_AUTHORIZED");

      for (MqttClient client : List.of(bridge, operator, forger)) {
        SimulatedPlant.await(client.disconnect());
      }
      SimulatedPlant.await(first.stop(vertx));
      SimulatedPlant.await(second.stop(vertx));
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  private static GatewayRuntime startGateway(
      Vertx vertx,
      Path dir,
      String id,
      String device,
      Credentials login,
      MosquittoServer mqtt,
      SimulatedPlant plant)
      throws Exception {
    Path own = Files.createDirectories(dir.resolve(id));
    GatewayYaml yaml =
        new GatewayYaml(own)
            .id(id)
            .mqttTls(
                mqtt.host(),
                mqtt.tlsPort().orElseThrow(),
                login.username(),
                login.password(),
                mqtt.caCertificate().orElseThrow());
    yaml.device(device, plant.port(device), "motor-spindle", "{fast: 250ms, normal: 1s, slow: 5s}");
    return SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
  }

  private static MqttClient connect(
      Vertx vertx, String clientId, Credentials login, int tlsPort, Path ca) throws Exception {
    MqttClient client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId(clientId)
                .setUsername(login.username())
                .setPassword(login.password())
                .setSsl(true)
                .setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    SimulatedPlant.await(client.connect(tlsPort, "127.0.0.1"));
    return client;
  }

  private static SetpointCommand setpoint(String device, double value) {
    Instant now = Instant.now();
    return new SetpointCommand(
        UUID.randomUUID(),
        1,
        device,
        "speed_setpoint_rpm",
        value,
        "acl-it",
        now,
        now.plusSeconds(60));
  }

  private static void publish(MqttClient client, String topic, SetpointCommand command)
      throws Exception {
    SetpointMessages.publish(client, topic, command);
  }
}
