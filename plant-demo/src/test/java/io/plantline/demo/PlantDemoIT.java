package io.plantline.demo;

import static io.plantline.demo.DemoHttp.consoleLogin;
import static io.plantline.demo.DemoHttp.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.process.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The demo's wiring end to end, with every component in its own process and the real servers: an
 * overheating injected into a simulated spindle through the simulator's control API becomes a
 * winding-overtemperature alarm on {@code alarms.v1} and an open work order for that spindle,
 * visible through the scheduling service's REST API; its telemetry reaches the query API. Then
 * every process the demo started is gone.
 */
class PlantDemoIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPINDLE = "spindle-002";
  private static final String RULE = "winding-overtemperature";

  @Test
  void shouldTurnAnInjectedOverheatingIntoAnAlarmAndAWorkOrder() throws Exception {
    Path state = Path.of("target", "plant-demo-it").toAbsolutePath();
    PlantDemo.deleteRecursively(state.resolve("run"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    List<ChildProcess> processes;
    try (PlantDemo demo =
        new PlantDemo(
            new PlantDemo.Settings(
                Path.of("..").toAbsolutePath().normalize(), state, Optional.empty(), 25, 0))) {
      PlantDemo.Endpoints endpoints;
      try {
        endpoints = demo.start(out);
      } finally {
        System.out.print(printed.toString(StandardCharsets.UTF_8));
      }
      processes = demo.processes();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains(PlantDemo.READY_LINE);

      long injectedAt = System.currentTimeMillis();
      HttpResponse<String> injected =
          LoopbackHttp.sendForString(
              HttpRequest.newBuilder(
                      URI.create(
                          endpoints.simulatorControlUrl()
                              + "/api/v1/devices/"
                              + SPINDLE
                              + "/actions"))
                  .header("Authorization", "Bearer " + endpoints.simulatorToken())
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"action\": \"overheating\", \"coolingLoss\": 1.0}"))
                  .build());
      assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);

      String token =
          ServiceTokens.issue(endpoints.serviceJwtKey(), "plant-demo-it", List.of("viewer"));
      JsonNode order = awaitWorkOrder(endpoints, token, Duration.ofMinutes(6));
      long seenAfter = System.currentTimeMillis() - injectedAt;
      System.out.printf(
          "work order %s for %s (%s) seen %.1f s after the injection%n",
          order.path("workOrderId").asText(),
          SPINDLE,
          order.path("status").asText(),
          seenAfter / 1000.0);
      assertThat(order.path("status").asText()).isEqualTo("OPEN");
      assertThat(order.path("priority").asText()).isEqualTo("HIGH");
      assertThat(order.path("evidence").has("winding_temperature_c.max")).isTrue();
      assertThat(order.path("evidence").path("winding_temperature_c.max").asDouble())
          .isGreaterThan(120.0);

      JsonNode detail =
          getJson(
              endpoints.schedulingUrl()
                  + "/api/v1/work-orders/"
                  + order.path("workOrderId").asText(),
              token);
      assertThat(detail.path("ruleId").asText()).isEqualTo(RULE);

      List<AlarmEvent> alarms = readAlarms(endpoints);
      assertThat(alarms)
          .anySatisfy(
              a -> {
                assertThat(a.deviceId()).isEqualTo(SPINDLE);
                assertThat(a.ruleId()).isEqualTo(RULE);
                assertThat(a.state()).isEqualTo(AlarmState.RAISED);
              });

      if (endpoints.consoleUrl().isPresent()) {
        checkThroughTheConsole(endpoints, order.path("workOrderId").asText());
      }

      String queryToken =
          ServiceTokens.issue(endpoints.serviceJwtKey(), "plant-demo-it", List.of("viewer"));
      JsonNode latest =
          getJson(endpoints.queryApiUrl() + "/api/v1/devices/" + SPINDLE + "/latest", queryToken);
      assertThat(latest.toString()).contains("winding_temperature_c");
    }
    for (ChildProcess p : processes) {
      assertThat(p.isAlive()).as("%s stopped", p).isFalse();
    }
  }

  /** The operator's path: log in to the console, see the alarm and the work order through it. */
  private static void checkThroughTheConsole(PlantDemo.Endpoints endpoints, String workOrderId)
      throws Exception {
    String console = endpoints.consoleUrl().orElseThrow().replaceAll("/$", "");
    String token = consoleLogin(console, endpoints, "operator");
    JsonNode viaConsole = getJson(console + "/api/v1/work-orders/" + workOrderId, token);
    assertThat(viaConsole.path("assetId").asText()).isEqualTo(SPINDLE);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String alarms = "";
    while (System.nanoTime() < deadline && !alarms.contains(RULE)) {
      alarms = getJson(console + "/api/v1/alarms", token).toString();
      Thread.sleep(500);
    }
    assertThat(alarms).as("alarms through the console").contains(SPINDLE, RULE);
  }

  private static JsonNode awaitWorkOrder(
      PlantDemo.Endpoints endpoints, String token, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      JsonNode page =
          getJson(endpoints.schedulingUrl() + "/api/v1/work-orders?assetId=" + SPINDLE, token);
      last = page.toString();
      for (JsonNode item : page.path("items")) {
        JsonNode detail =
            getJson(
                endpoints.schedulingUrl()
                    + "/api/v1/work-orders/"
                    + item.path("workOrderId").asText(),
                token);
        if (RULE.equals(detail.path("ruleId").asText())) {
          return item;
        }
      }
      Thread.sleep(2000);
    }
    throw new AssertionError(
        "no work order for "
            + SPINDLE
            + " within "
            + timeout
            + "; last page: "
            + last
            + "; logs in "
            + endpoints.logs());
  }

  private static List<AlarmEvent> readAlarms(PlantDemo.Endpoints endpoints) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", endpoints.kafka());
    props.put("security.protocol", "SASL_PLAINTEXT");
    props.put("sasl.mechanism", "PLAIN");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + endpoints.kafkaLogin().username()
            + "\" password=\""
            + endpoints.kafkaLogin().password()
            + "\";");
    props.put("group.id", "plant-demo-it-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    List<AlarmEvent> alarms = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.ALARMS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && alarms.stream().noneMatch(a -> SPINDLE.equals(a.deviceId()))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          alarms.add(Codecs.ALARM_EVENT.decode(r.value()));
        }
      }
    }
    return alarms;
  }
}
