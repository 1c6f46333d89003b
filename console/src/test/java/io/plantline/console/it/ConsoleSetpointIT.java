package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.console.adapter.out.mqtt.MqttSetpointCommander;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttAccessList;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.ingestion.bridge.MqttEndpoint;
import io.plantline.ingestion.cli.MqttLogin;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import io.plantline.registermap.RegisterMaps;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operators' setpoints through the real console and a real Mosquitto (TLS only, the access list
 * made by {@link MqttAccessList}: the console is a commander of site-1, a gateway user owns press-1
 * and press-2). A scripted gateway answers press-1's commands as the edge gateway does, checking
 * the point and its write limits against the built-in motor-spindle register map; press-2's gateway
 * is down. Checks the status per outcome, the roles and sites allowed, the body checks, the answer
 * when no gateway answers, and the audit entries with point, value and outcome.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSetpointIT {
  private static final String SECRET = "setpoint-it-service-secret-" + UUID.randomUUID();
  private static final String SITE = "site-1";
  private static final String AREA = "area-1";
  private static final String PATH = "/api/v1/devices/%s/setpoints";

  private final RegisterMap spindleMap = RegisterMaps.builtIn("motor-spindle");
  private final List<SetpointCommand> received = new CopyOnWriteArrayList<>();
  private StubServices stub;
  private ConsoleHarness console;
  private MosquittoServer mqtt;
  private Vertx vertx;

  @BeforeAll
  void start(KafkaServer kafka) throws Exception {
    Kafka.topics(kafka);
    Credentials gateway = Credentials.generate("gateway-site-1");
    Credentials commander = Credentials.generate("console");
    MqttAccessList acl =
        new MqttAccessList(
            List.of(
                new MqttAccessList.Gateway(
                    gateway.username(),
                    "gw-1",
                    SITE,
                    List.of(
                        new MqttAccessList.Device(AREA, "press-1"),
                        new MqttAccessList.Device(AREA, "press-2")))),
            List.of(),
            List.of(new MqttAccessList.Commander(commander.username(), List.of(SITE))));
    mqtt =
        MosquittoServer.start(
            MosquittoOptions.defaults()
                .withUsers(List.of(gateway, commander))
                .withAcl(acl.mosquittoAclFile())
                .tlsOnly());
    vertx = Vertx.vertx();
    startScriptedGateway(gateway);
    stub = new StubServices(SECRET);
    stub.device("press-1", SITE, AREA, "BIRTH");
    stub.device("press-2", SITE, AREA, "DEATH");
    stub.device("pump-9", "site-2", "area-9", "BIRTH");
    console =
        new ConsoleHarness(
            kafka,
            SECRET,
            stub.url(),
            stub.url(),
            null,
            null,
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of(),
            new MqttSetpointCommander.Settings(
                new MqttLogin(
                    new MqttEndpoint("127.0.0.1", mqtt.tlsPort().orElseThrow(), true),
                    commander.username(),
                    commander.password(),
                    Optional.of(mqtt.caCertificate().orElseThrow())),
                "console-setpoint-it"));
  }

  /** Answers press-1's commands as the edge gateway does, from the register map. */
  private void startScriptedGateway(Credentials login) throws Exception {
    MqttClient client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("setpoint-it-gateway")
                .setUsername(login.username())
                .setPassword(login.password())
                .setSsl(true)
                .setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(
                    new PemTrustOptions()
                        .addCertPath(mqtt.caCertificate().orElseThrow().toString())));
    client.publishHandler(
        m -> {
          SetpointCommand command = Codecs.SETPOINT_COMMAND.decode(m.payload().getBytes());
          received.add(command);
          Optional<String> refused =
              spindleMap
                  .point(command.point())
                  .map(p -> p.writeViolation(command.value()))
                  .orElse(Optional.of("press-1 has no writable point '" + command.point() + "'"));
          SetpointResult result =
              new SetpointResult(
                  command.commandId(),
                  SetpointResult.SCHEMA_VERSION,
                  command.deviceId(),
                  command.point(),
                  refused.isPresent() ? SetpointOutcome.REJECTED : SetpointOutcome.APPLIED,
                  refused.orElse(null),
                  Instant.now());
          client.publish(
              MqttTopic.commandResult(SITE, AREA, command.deviceId()).value(),
              Buffer.buffer(Codecs.SETPOINT_RESULT.encode(result)),
              MqttQoS.AT_LEAST_ONCE,
              false,
              false);
        });
    client
        .connect(mqtt.tlsPort().orElseThrow(), "127.0.0.1")
        .compose(ack -> client.subscribe(MqttTopic.command(SITE, AREA, "press-1").value(), 1))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    if (console != null) {
      console.close();
    }
    if (stub != null) {
      stub.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (mqtt != null) {
      mqtt.close();
    }
  }

  private ConsoleHarness.Resp write(String user, String device, JsonObject body) throws Exception {
    return console.post(String.format(PATH, device), console.login(user), body.encode());
  }

  private static JsonObject setpoint(String point, double value) {
    return new JsonObject().put("point", point).put("value", value);
  }

  /** Retries while the console's commander is still connecting (503), at most 30 s. */
  private ConsoleHarness.Resp firstWrite(String user, String device, JsonObject body)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ConsoleHarness.Resp r = write(user, device, body);
    while (r.status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = write(user, device, body);
    }
    return r;
  }

  @Test
  void shouldApplyRejectAndRefuseSetpointsAndAuditEachWithItsOutcome() throws Exception {
    ConsoleHarness.Resp applied =
        firstWrite("operator", "press-1", setpoint("speed_setpoint_rpm", 1500));
    assertThat(applied.status()).as(applied.text()).isEqualTo(200);
    assertThat(applied.json().getString("outcome")).isEqualTo("APPLIED");
    String appliedId = applied.json().getString("commandId");
    assertThat(received)
        .anySatisfy(
            c -> {
              assertThat(c.commandId().toString()).isEqualTo(appliedId);
              assertThat(c.operatorId()).isEqualTo("operator");
              assertThat(c.value()).isEqualTo(1500.0);
              assertThat(Duration.between(c.issuedAt(), c.expiresAt()))
                  .isEqualTo(Duration.ofSeconds(30));
            });

    ConsoleHarness.Resp tooFast =
        write("operator", "press-1", setpoint("speed_setpoint_rpm", 20_000));
    assertThat(tooFast.status()).as(tooFast.text()).isEqualTo(422);
    assertThat(tooFast.json().getString("outcome")).isEqualTo("REJECTED");
    assertThat(tooFast.json().getString("error")).contains("above its maximum 12000.0");
    PointDefinition state = spindleMap.point("state").orElseThrow();
    ConsoleHarness.Resp readOnly = write("operator", "press-1", setpoint(state.name(), 1));
    assertThat(readOnly.status()).isEqualTo(422);
    assertThat(readOnly.json().getString("error")).contains("state is read-only");
    assertThat(write("admin", "press-1", setpoint("run_command", 1)).status()).isEqualTo(200);

    int sent = received.size();
    assertThat(write("viewer", "press-1", setpoint("speed_setpoint_rpm", 1000)).status())
        .isEqualTo(403);
    assertThat(write("maintenance", "press-1", setpoint("speed_setpoint_rpm", 1000)).status())
        .isEqualTo(403);
    assertThat(write("operator", "pump-9", setpoint("speed_setpoint_pct", 50)).status())
        .as("a device of another site")
        .isEqualTo(403);
    assertThat(write("operator", "nope-1", setpoint("speed_setpoint_rpm", 1000)).status())
        .isEqualTo(404);
    List<JsonObject> badBodies =
        List.of(
            new JsonObject().put("point", "speed_setpoint_rpm").put("value", "fast"),
            new JsonObject().put("value", 1000),
            new JsonObject().put("point", "Speed Setpoint").put("value", 1000),
            setpoint("speed_setpoint_rpm", 1000).put("expiresInSeconds", 1),
            setpoint("speed_setpoint_rpm", 1000).put("expiresInSeconds", 3600));
    for (JsonObject bad : badBodies) {
      ConsoleHarness.Resp r = write("operator", "press-1", bad);
      assertThat(r.status()).as(bad.encode() + " → " + r.text()).isEqualTo(400);
    }
    Thread.sleep(500);
    assertThat(received).as("nothing refused reached a gateway").hasSize(sent);

    long begin = System.nanoTime();
    ConsoleHarness.Resp unanswered =
        write(
            "operator", "press-2", setpoint("speed_setpoint_rpm", 1000).put("expiresInSeconds", 5));
    long waitedMillis = (System.nanoTime() - begin) / 1_000_000;
    assertThat(unanswered.status()).as(unanswered.text()).isEqualTo(504);
    assertThat(unanswered.json().getString("error")).contains("no longer applied");
    assertThat(waitedMillis).as("waits out the expiry and its grace").isBetween(9_000L, 30_000L);

    List<String> actions = auditedActions(6);
    assertThat(actions)
        .anyMatch(a -> a.contains("speed_setpoint_rpm = 1500.0 -> APPLIED, command " + appliedId))
        .anyMatch(a -> a.contains("speed_setpoint_rpm = 20000.0 -> REJECTED"))
        .anyMatch(a -> a.contains("run_command = 1.0 -> APPLIED"))
        .anyMatch(
            a ->
                a.contains(
                    "/api/v1/devices/press-2/setpoints: speed_setpoint_rpm = 1000.0 -> NO ANSWER"));
  }

  /** The audit log's actions of setpoint requests, once at least {@code atLeast} are written. */
  private List<String> auditedActions(int atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonObject page = console.get("/api/v1/audit?limit=1000", console.login("admin")).json();
      assertThat(page.getJsonObject("chain").getBoolean("verified")).isTrue();
      List<String> actions = new ArrayList<>();
      page.getJsonArray("entries")
          .forEach(
              e -> {
                String action = ((JsonObject) e).getString("action");
                if (action.contains("/setpoints")) {
                  actions.add(action);
                }
              });
      if (actions.size() >= atLeast || System.nanoTime() > deadline) {
        return actions;
      }
      Thread.sleep(100);
    }
  }
}
