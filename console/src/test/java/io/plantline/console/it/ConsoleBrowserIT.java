package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's path in a real browser: headless Chromium (Debian package) over the DevTools
 * protocol, the real console, real Kafka, and a local stub of the services. An overheating alarm is
 * raised on alarms.v1 and its work order opened on workorder.events.v1; the operator logs in
 * through the page, sees the alarm and its work order, acknowledges the alarm, and the AlarmCommand
 * arrives on alarms.commands.v1; the stream job's ACKNOWLEDGED event then reaches the page live.
 * Screenshots go to target/.
 */
@ExtendWith(EmbeddedServersExtension.class)
class ConsoleBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "browser-it-service-secret-" + UUID.randomUUID();

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String js(String text) {
    return new JsonObject().put("s", text).encode().replaceAll("^\\{\"s\":|}$", "");
  }

  @Test
  void shouldLetAnOperatorSeeAndAcknowledgeTheOverheatingAlarmAndItsWorkOrder(KafkaServer kafka)
      throws Exception {
    Path browserBinary = Chromium.binary().orElse(null);
    assumeTrue(
        browserBinary != null,
        "chromium is not installed (apt-get install -y chromium, or ./plantline test installs it)");
    Kafka.topics(kafka);
    Path target = Path.of("target");
    Files.createDirectories(target);

    String device = "motor-12";
    Instant raisedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String rule = "winding-overtemperature";
    // ids as the stream job derives them (AlarmIds): name-based UUIDs
    String alarmId = "alm-" + uuid("alarm/" + device + "/" + rule + "/" + raisedAt.toEpochMilli());
    String workOrderId = "wo-" + uuid("work-order/" + alarmId);

    try (StubServices stub = new StubServices(SECRET)) {
      stub.device(device, "site-1", "hall-a", "BIRTH");
      stub.device("press-3", "site-1", "hall-a", "BIRTH");
      stub.device("pump-4", "site-1", "hall-b", "DEATH");
      stub.workOrder(StubServices.order(workOrderId, "site-1", device, alarmId, "OPEN"));
      stub.gatewayMetrics(
          "plantline_gateway_journal_backlog_records 42.0\n"
              + "plantline_gateway_poll_errors_total{code=\"timeout_or_io\",device=\"pump-4\"} 7.0\n");
      URI metrics = URI.create(stub.url() + "/metrics");
      try (ConsoleHarness console =
          new ConsoleHarness(
              kafka,
              SECRET,
              stub.url(),
              stub.url(),
              stub.url(),
              ConsoleHarness.defaults(),
              Duration.ofSeconds(5),
              List.of(new GatewayScraper.Target("gw-hall-a", "site-1", metrics)))) {
        Kafka.publish(
            kafka,
            Topics.ALARMS,
            device,
            Codecs.ALARM_EVENT.encode(
                new AlarmEvent(
                    UUID.fromString(uuid("alarm-event/" + alarmId + "/0")),
                    1,
                    alarmId,
                    device,
                    "site-1",
                    "hall-a",
                    rule,
                    AlarmSeverity.HIGH,
                    AlarmState.RAISED,
                    raisedAt,
                    "Winding temperature 96.2 °C above 90 °C for 60 s while running",
                    Map.of("temperature.mean", 96.2, "threshold", 90.0))));
        Kafka.publish(
            kafka,
            Topics.WORK_ORDER_EVENTS,
            device,
            Codecs.WORK_ORDER_EVENT.encode(
                new WorkOrderOpened(
                    UUID.randomUUID(),
                    2,
                    workOrderId,
                    device,
                    1,
                    raisedAt.plusMillis(300),
                    UUID.fromString(uuid("open-work-order/" + alarmId)),
                    "site-1",
                    WorkOrderPriority.HIGH,
                    alarmId,
                    rule,
                    "winding-overtemperature on motor-12: check cooling and winding insulation",
                    Map.of("temperature.mean", 96.2, "threshold", 90.0))));

        try (Chromium chromium =
            new Chromium(browserBinary, target.resolve("chromium-console-it.log"))) {
          Chromium.Page page = chromium.newPage(1400, 900);
          page.navigate(console.base() + "/");
          page.await("login form", "document.querySelector('[data-testid=login-form]')", WAIT);
          page.eval(
              "(() => { const set = (id, v) => { const e = document.querySelector(`[data-testid=${id}]`);"
                  + " e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); };"
                  + " set('login-username', 'operator'); set('login-password', "
                  + js(ConsoleHarness.password("operator"))
                  + "); document.querySelector('[data-testid=login-submit]').click(); })()");
          page.await(
              "overview with devices",
              "document.querySelectorAll('[data-testid=device-card]').length === 3",
              WAIT);
          page.await(
              "motor-12 flagged with its alarm",
              "document.querySelector('[data-device-id=\"motor-12\"] [data-testid=device-alarms]')",
              WAIT);
          page.await(
              "live stream",
              "document.querySelector('[data-testid=live-status]').dataset.state === 'live'",
              WAIT);
          page.screenshot(target.resolve("console-overview.png"));

          page.eval("document.querySelector('[data-testid=nav-alarms]').click()");
          String row =
              "document.querySelector('[data-testid=alarm-row][data-alarm-id=\""
                  + alarmId
                  + "\"]')";
          page.await("the overheating alarm", row, WAIT);
          page.await(
              "the alarm's work order",
              row
                  + ".querySelector('[data-testid=alarm-work-order]')?.textContent === '"
                  + workOrderId
                  + "'",
              WAIT);
          assertThat(page.eval(row + ".querySelector('[data-testid=alarm-rule]').textContent"))
              .isEqualTo(rule);
          assertThat(page.eval(row + ".dataset.state")).isEqualTo("RAISED");
          assertThat((String) page.eval(row + ".textContent"))
              .contains("temperature.mean = 96.2")
              .contains("motor-12");

          page.eval(row + ".querySelector('[data-testid=alarm-work-order]').click()");
          page.await(
              "work order detail",
              "document.querySelector('[data-testid=wo-status]')?.textContent === 'OPEN'",
              WAIT);
          assertThat(page.eval("document.querySelector('[data-testid=wo-id]').textContent"))
              .isEqualTo(workOrderId);
          assertThat(
                  (String)
                      page.eval("document.querySelector('[data-testid=wo-alarms]').textContent"))
              .contains(alarmId);
          assertThat(page.eval("!!document.querySelector('[data-testid=wo-no-actions]')"))
              .as("an operator has no work-order transitions")
              .isEqualTo(true);
          page.screenshot(target.resolve("console-work-order.png"));

          // The device page's setpoint form: asked, confirmed, sent; this console has no MQTT
          // commander (ConsoleSetpointIT has one), so the answer shown is its 503.
          page.eval("location.hash = '#/devices/" + device + "'");
          page.await(
              "the setpoint form",
              "!!document.querySelector('[data-testid=setpoint-write]')",
              WAIT);
          page.eval(
              "(() => { const set = (id, v) => { document.querySelector(`[data-testid=${id}]`)"
                  + ".value = v; }; set('setpoint-point', 'speed_setpoint_rpm');"
                  + " set('setpoint-value', '1200');"
                  + " document.querySelector('[data-testid=setpoint-write]').click(); })()");
          page.await(
              "the confirmation",
              "!!document.querySelector('[data-testid=setpoint-confirm]')",
              WAIT);
          page.eval("document.querySelector('[data-testid=setpoint-confirm]').click()");
          page.await(
              "the console's answer",
              "document.querySelector('[data-testid=setpoint-error]')?.textContent"
                  + ".includes('no MQTT commander') === true",
              WAIT);

          page.eval("document.querySelector('[data-testid=nav-alarms]').click()");
          page.await("alarm list again", row + "?.querySelector('[data-testid=alarm-ack]')", WAIT);
          page.eval(row + ".querySelector('[data-testid=alarm-ack]').click()");
          page.await(
              "acknowledgement sent",
              "[...document.querySelectorAll('[data-testid=alarm-action-status]')].some(e => e.textContent === 'acknowledgement sent')",
              WAIT);

          AlarmCommand command =
              Codecs.ALARM_COMMAND.decode(
                  Kafka.await(
                          kafka,
                          Topics.ALARM_COMMANDS,
                          r ->
                              device.equals(r.key())
                                  && Codecs.ALARM_COMMAND
                                      .decode(r.value())
                                      .alarmId()
                                      .equals(alarmId),
                          WAIT)
                      .value());
          assertThat(command.action()).isEqualTo(AlarmAction.ACKNOWLEDGE);
          assertThat(command.operatorId()).isEqualTo("operator");
          assertThat(command.ruleId()).isEqualTo(rule);

          // the stream job's answer reaches the open page over the event stream
          Kafka.publish(
              kafka,
              Topics.ALARMS,
              device,
              Codecs.ALARM_EVENT.encode(
                  new AlarmEvent(
                      UUID.fromString(uuid("alarm-event/" + alarmId + "/1")),
                      1,
                      alarmId,
                      device,
                      "site-1",
                      "hall-a",
                      rule,
                      AlarmSeverity.HIGH,
                      AlarmState.ACKNOWLEDGED,
                      command.issuedAt(),
                      "Acknowledged by operator",
                      Map.of())));
          page.await("row acknowledged live", row + "?.dataset.state === 'ACKNOWLEDGED'", WAIT);
          assertThat(page.eval(row + ".querySelector('[data-testid=alarm-ack]')"))
              .as("no second acknowledge")
              .isNull();
          assertThat(
                  page.eval(row + ".querySelector('[data-testid=alarm-last-message]').textContent"))
              .isEqualTo("Acknowledged by operator");
          assertThat(
                  (String)
                      page.eval(row + ".querySelector('[data-testid=alarm-message]').textContent"))
              .startsWith("Winding temperature 96.2 °C above 90 °C");
          assertThat(
                  page.eval(
                      row + ".querySelector('[data-testid=alarm-action-status]').textContent"))
              .isEqualTo("acknowledgement sent");
          page.screenshot(target.resolve("console-alarm.png"));

          page.eval("location.hash = '#/devices/motor-12'");
          page.await(
              "device chart with buckets",
              "document.querySelector('[data-testid=device-chart] polyline.avg-line')",
              WAIT);
          assertThat(page.eval("document.querySelectorAll('[data-testid=latest-row]').length"))
              .isEqualTo(3);
          page.screenshot(target.resolve("console-device.png"));

          page.eval("document.querySelector('[data-testid=nav-gateways]').click()");
          page.await(
              "gateway health",
              "document.querySelector('[data-testid=gateway-backlog]')?.textContent === '42 records'",
              WAIT);
          assertThat(
                  page.eval(
                      "document.querySelector('[data-testid=gateway-poll-errors]').textContent"))
              .isEqualTo("7");

          page.eval("document.querySelector('[data-testid=nav-quality]').click()");
          page.await(
              "control chart with its violating point",
              "document.querySelectorAll('[data-testid=control-chart] [data-testid=violation-point]').length === 1",
              WAIT);
          assertThat(
                  page.eval(
                      "document.querySelectorAll('[data-testid=control-chart] circle').length"))
              .isEqualTo(3);
          assertThat(
                  page.eval(
                      "['chart-ucl', 'chart-cl', 'chart-lcl'].every(id =>"
                          + " document.querySelector(`[data-testid=control-chart] [data-testid=${id}]`))"))
              .as("CL, UCL and LCL drawn")
              .isEqualTo(true);
          page.await(
              "capability beside the chart",
              "document.querySelector('[data-testid=capability-cp]')?.textContent === '1.25'",
              WAIT);
          page.await(
              "the limits' version (rendered by its own request)",
              "document.querySelectorAll('[data-testid=limit-version]').length === 1",
              WAIT);
          assertThat(page.eval("document.querySelector('[data-testid=rebaseline-reason]')"))
              .as("an operator may not re-baseline")
              .isNull();
          page.screenshot(target.resolve("console-quality.png"));

          // Logout ends the session on the server: the token the page held is refused afterwards.
          String token =
              (String)
                  page.eval(
                      "JSON.parse(sessionStorage.getItem('plantline.console.session')).token");
          assertThat(console.get("/api/v1/session", token).status()).isEqualTo(200);
          page.eval("document.querySelector('[data-testid=logout]').click()");
          page.await(
              "login form after logout",
              "document.querySelector('[data-testid=login-form]')",
              WAIT);
          ConsoleHarness.Resp after = console.get("/api/v1/session", token);
          assertThat(after.status()).as("the page's token after logout").isEqualTo(401);
          assertThat(after.json().getString("error")).contains("session ended");

          List<JsonObject> problems =
              chromium.events().stream()
                  .filter(
                      e ->
                          e.getString("method").equals("Runtime.exceptionThrown")
                              || (e.getString("method").equals("Log.entryAdded")
                                  && "error"
                                      .equals(
                                          e.getJsonObject("params")
                                              .getJsonObject("entry")
                                              .getString("level"))
                                  && !provokedSetpointAnswer(e))
                              || (e.getString("method").equals("Runtime.consoleAPICalled")
                                  && "error".equals(e.getJsonObject("params").getString("type"))))
                  .toList();
          assertThat(problems).as("no script errors or CSP violations in the page").isEmpty();
          assertThat(Files.size(target.resolve("console-alarm.png"))).isGreaterThan(10_000);
        }
      }
    }
  }

  /** The browser's log line for the 503 this test asks for on purpose (no MQTT commander). */
  private static boolean provokedSetpointAnswer(JsonObject event) {
    JsonObject entry = event.getJsonObject("params").getJsonObject("entry");
    return "network".equals(entry.getString("source"))
        && String.valueOf(entry.getString("url")).endsWith("/setpoints")
        && String.valueOf(entry.getString("text")).contains("503");
  }
}
