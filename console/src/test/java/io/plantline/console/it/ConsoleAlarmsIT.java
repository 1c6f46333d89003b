package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.console.domain.Alarms;
import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alarms through real Kafka: an AlarmEvent on alarms.v1 shows in the API and on the event stream
 * (of the right site only), acknowledging and shelving it puts AlarmCommands on alarms.commands.v1,
 * work-order events link the alarm to its order, and malformed records are skipped and counted.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAlarmsIT {
  private static final String SECRET = "alarms-it-service-secret-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private KafkaServer kafka;
  private StubServices stub;
  private ConsoleHarness console;

  @BeforeAll
  void start(KafkaServer kafka) throws Exception {
    this.kafka = kafka;
    Kafka.topics(kafka);
    stub = new StubServices(SECRET);
    console =
        new ConsoleHarness(
            kafka,
            SECRET,
            stub.url(),
            stub.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of());
  }

  @AfterAll
  void stop() throws Exception {
    if (console != null) {
      console.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private JsonObject awaitAlarm(String token, String alarmId, String state) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    ConsoleHarness.Resp last = null;
    while (System.nanoTime() < deadline) {
      last = console.get("/api/v1/alarms/" + alarmId, token);
      if (last.status() == 200 && last.json().getString("state").equals(state)) {
        return last.json();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "alarm "
            + alarmId
            + " not "
            + state
            + " in time; last "
            + (last == null ? null : last.text()));
  }

  private void publish(AlarmEvent event) throws Exception {
    Kafka.publish(kafka, Topics.ALARMS, event.deviceId(), Codecs.ALARM_EVENT.encode(event));
  }

  @Test
  void shouldShowStreamAndCommandAnAlarmFromKafka() throws Exception {
    String device = "mixer-" + UUID.randomUUID().toString().substring(0, 8);
    String alarmId = "alm-" + UUID.randomUUID();
    String operator = console.login("operator");
    String viewer2 = console.login("viewer2");
    String ticket =
        console.post("/api/v1/events/ticket", operator, null).json().getString("ticket");
    String ticket2 =
        console.post("/api/v1/events/ticket", viewer2, null).json().getString("ticket");

    try (SseClient site1 = new SseClient(console.base() + "/api/v1/events?ticket=" + ticket);
        SseClient site2 = new SseClient(console.base() + "/api/v1/events?ticket=" + ticket2)) {
      assertThat(site1.status()).isEqualTo(200);
      assertThat(site2.status()).isEqualTo(200);
      Instant raisedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      publish(
          Alarms.event(
              alarmId,
              device,
              "site-1",
              AlarmState.RAISED,
              AlarmSeverity.HIGH,
              raisedAt,
              Map.of("temperature.mean", 96.2)));

      JsonObject listed = awaitAlarm(operator, alarmId, "RAISED");
      assertThat(listed.getString("deviceId")).isEqualTo(device);
      assertThat(listed.getJsonObject("evidence").getDouble("temperature.mean")).isEqualTo(96.2);
      assertThat(
              console
                  .get("/api/v1/alarms?state=RAISED&site=site-1", operator)
                  .json()
                  .getJsonArray("alarms")
                  .stream()
                  .map(a -> ((JsonObject) a).getString("alarmId"))
                  .toList())
          .contains(alarmId);
      SseClient.Event streamed =
          site1.await(
              e -> e.type().equals("alarm") && alarmId.equals(e.data().getString("alarmId")), WAIT);
      assertThat(streamed.data().getString("state")).isEqualTo("RAISED");

      // another site's user sees the other site's alarm, never this one
      String other = "alm-" + UUID.randomUUID();
      publish(
          Alarms.event(
              other,
              "pump-" + device,
              "site-2",
              AlarmState.RAISED,
              AlarmSeverity.LOW,
              Instant.now(),
              Map.of()));
      site2.await(e -> other.equals(e.data().getString("alarmId")), WAIT);
      assertThat(site2.events()).noneMatch(e -> alarmId.equals(e.data().getString("alarmId")));
      assertThat(console.get("/api/v1/alarms/" + alarmId, viewer2).status()).isEqualTo(403);

      // acknowledge → AlarmCommand on alarms.commands.v1, keyed by device
      ConsoleHarness.Resp ack =
          console.post(
              "/api/v1/alarms/" + alarmId + "/acknowledge", operator, "{\"note\":\"on my way\"}");
      assertThat(ack.status()).as(ack.text()).isEqualTo(202);
      UUID commandId = UUID.fromString(ack.json().getString("commandId"));
      ConsumerRecord<String, byte[]> record =
          Kafka.await(
              kafka,
              Topics.ALARM_COMMANDS,
              r ->
                  device.equals(r.key())
                      && Codecs.ALARM_COMMAND.decode(r.value()).commandId().equals(commandId),
              WAIT);
      AlarmCommand command = Codecs.ALARM_COMMAND.decode(record.value());
      assertThat(command.action()).isEqualTo(AlarmAction.ACKNOWLEDGE);
      assertThat(command.alarmId()).isEqualTo(alarmId);
      assertThat(command.deviceId()).isEqualTo(device);
      assertThat(command.ruleId()).isEqualTo("winding-overtemperature");
      assertThat(command.operatorId()).isEqualTo("operator");
      assertThat(command.note()).isEqualTo("on my way");

      // the stream job answers with ACKNOWLEDGED; then a second acknowledgement is refused
      publish(
          Alarms.event(
              alarmId,
              device,
              "site-1",
              AlarmState.ACKNOWLEDGED,
              AlarmSeverity.HIGH,
              raisedAt.plusSeconds(5),
              Map.of()));
      awaitAlarm(operator, alarmId, "ACKNOWLEDGED");
      site1.await(
          e ->
              alarmId.equals(e.data().getString("alarmId"))
                  && "ACKNOWLEDGED".equals(e.data().getString("state")),
          WAIT);
      ConsoleHarness.Resp again =
          console.post("/api/v1/alarms/" + alarmId + "/acknowledge", operator, null);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().getString("error")).contains("already acknowledged");

      // shelve for 30 minutes
      ConsoleHarness.Resp shelve =
          console.post(
              "/api/v1/alarms/" + alarmId + "/shelve",
              operator,
              new JsonObject().put("durationMinutes", 30).put("reason", "sensor swap").encode());
      assertThat(shelve.status()).as(shelve.text()).isEqualTo(202);
      UUID shelveId = UUID.fromString(shelve.json().getString("commandId"));
      AlarmCommand shelved =
          Codecs.ALARM_COMMAND.decode(
              Kafka.await(
                      kafka,
                      Topics.ALARM_COMMANDS,
                      r ->
                          device.equals(r.key())
                              && Codecs.ALARM_COMMAND
                                  .decode(r.value())
                                  .commandId()
                                  .equals(shelveId),
                      WAIT)
                  .value());
      assertThat(shelved.action()).isEqualTo(AlarmAction.SHELVE);
      assertThat(Duration.between(shelved.issuedAt(), shelved.shelvedUntil()))
          .isEqualTo(Duration.ofMinutes(30));
      assertThat(shelved.note()).isEqualTo("sensor swap");
      assertThat(
              console
                  .post(
                      "/api/v1/alarms/" + alarmId + "/shelve", operator, "{\"durationMinutes\": 0}")
                  .status())
          .isEqualTo(400);
      assertThat(
              console
                  .post(
                      "/api/v1/alarms/alm-unknown-" + UUID.randomUUID() + "/acknowledge",
                      operator,
                      null)
                  .status())
          .isEqualTo(404);
    }
  }

  @Test
  void shouldLinkWorkOrdersAndStreamDeviceAndWorkOrderEvents() throws Exception {
    String device = "lathe-" + UUID.randomUUID().toString().substring(0, 8);
    String alarmId = "alm-" + UUID.randomUUID();
    String maintenance = console.login("maintenance");
    String ticket =
        console.post("/api/v1/events/ticket", maintenance, null).json().getString("ticket");
    try (SseClient stream = new SseClient(console.base() + "/api/v1/events?ticket=" + ticket)) {
      SseClient reused = new SseClient(console.base() + "/api/v1/events?ticket=" + ticket);
      assertThat(reused.status()).as("a ticket works once").isEqualTo(401);
      reused.close();

      publish(
          Alarms.event(
              alarmId,
              device,
              "site-1",
              AlarmState.RAISED,
              AlarmSeverity.CRITICAL,
              Instant.now(),
              Map.of()));
      Kafka.publish(
          kafka,
          Topics.WORK_ORDER_EVENTS,
          device,
          Codecs.WORK_ORDER_EVENT.encode(
              new WorkOrderOpened(
                  UUID.randomUUID(),
                  2,
                  "wo-" + alarmId,
                  device,
                  1,
                  Instant.now(),
                  UUID.randomUUID(),
                  "site-1",
                  WorkOrderPriority.URGENT,
                  alarmId,
                  "winding-overtemperature",
                  "check the winding",
                  Map.of())));
      Kafka.publish(
          kafka,
          Topics.DEVICE_STATUS,
          device,
          Codecs.DEVICE_STATUS.encode(
              new DeviceStatus(
                  UUID.randomUUID(),
                  1,
                  device,
                  "site-1",
                  "area-2",
                  DeviceState.DEATH,
                  3,
                  Instant.now(),
                  "connection lost")));

      long deadline = System.nanoTime() + WAIT.toNanos();
      JsonObject alarm = null;
      while (System.nanoTime() < deadline) {
        ConsoleHarness.Resp r = console.get("/api/v1/alarms/" + alarmId, maintenance);
        if (r.status() == 200 && r.json().containsKey("workOrderId")) {
          alarm = r.json();
          break;
        }
        Thread.sleep(100);
      }
      assertThat(alarm).as("alarm linked to its work order").isNotNull();
      assertThat(alarm.getString("workOrderId")).isEqualTo("wo-" + alarmId);
      SseClient.Event wo =
          stream.await(
              e -> e.type().equals("work-order") && device.equals(e.data().getString("assetId")),
              WAIT);
      assertThat(wo.data().getString("type")).isEqualTo("WorkOrderOpened");
      assertThat(wo.data().getString("alarmId")).isEqualTo(alarmId);
      SseClient.Event status =
          stream.await(
              e ->
                  e.type().equals("device-status") && device.equals(e.data().getString("deviceId")),
              WAIT);
      assertThat(status.data().getString("state")).isEqualTo("DEATH");
      assertThat(
              console
                  .post("/api/v1/alarms/" + alarmId + "/acknowledge", maintenance, null)
                  .status())
          .as("maintenance may not acknowledge")
          .isEqualTo(403);
    }
  }

  @Test
  void shouldSkipAndCountMalformedRecords() throws Exception {
    String admin = console.login("admin");
    Kafka.publish(
        kafka, Topics.ALARMS, "broken", "{\"eventId\": \"nope\"}".getBytes(StandardCharsets.UTF_8));
    Kafka.publish(kafka, Topics.ALARMS, "broken", new byte[] {(byte) 0xff, 0x00});
    String alarmId = "alm-" + UUID.randomUUID();
    publish(
        Alarms.event(
            alarmId,
            "after-garbage",
            "site-3",
            AlarmState.RAISED,
            AlarmSeverity.LOW,
            Instant.now(),
            Map.of()));

    awaitAlarm(admin, alarmId, "RAISED");
    String metrics = console.get("/metrics", null).text();
    double malformed =
        metrics
            .lines()
            .filter(
                l -> l.startsWith("plantline_console_kafka_malformed_total{topic=\"alarms.v1\"}"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
    assertThat(malformed).isGreaterThanOrEqualTo(2);
    assertThat(console.server().consuming()).isTrue();
  }
}
