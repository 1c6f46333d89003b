package io.plantline.demo.soak;

import static io.plantline.demo.DemoHttp.consoleLogin;
import static io.plantline.demo.DemoHttp.getJson;
import static io.plantline.demo.DemoHttp.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.topic.Topics;
import io.plantline.demo.PlantDemo;
import io.plantline.demo.ServiceTokens;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.kafka.KafkaServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The plant end to end, in {@code ./plantline test}: the bounded soak (24 devices behind two
 * gateways for a few minutes, every fault kind once, one overheating spindle). Fails on any loss,
 * duplicate, reordering, missing or extra alarm or work order, unrecovered fault or backlog left at
 * the end; then checks the anomaly the way an operator sees it (the work order and its evidence
 * through the scheduling API and through the console, the device's latest values through the query
 * API), and that no process the soak started is still alive. The console and the quality and energy
 * services run under the faults too, as the demo runs them.
 */
class SoakIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldAccountForEveryServedReadingThroughEveryFault() throws Exception {
    Path state = Path.of("target", "soak-it").toAbsolutePath();
    Path report = state.resolve("soak-report.json");
    SoakMain options = new SoakMain();
    options.minutes = 3;
    options.devices = 24;
    options.gatewaysPerSite = 1;
    options.rate = 2;
    options.fsync = "always";
    options.rounds = 1;
    options.anomalies = 1;
    options.cassandraOutageSeconds = 20;
    options.recoveryTimeoutSeconds = 180;
    options.seed = 7;
    options.speed = 25;
    options.stateDir = state;
    options.report = report;
    options.withConsole = true; // the demo's console and business services run under the faults too
    SoakSettings settings = options.settings(Path.of("..").toAbsolutePath().normalize());
    assertThat(settings.faults()).hasSize(FaultKind.values().length);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    Set<ProcessHandle> before = Set.copyOf(ProcessHandle.current().descendants().toList());
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new SoakRun(settings).run(out, SoakIT::checkAsAnOperator);
    } finally {
      System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.path("failures")).as(json.path("failures").toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(json.path("faults")).hasSize(FaultKind.values().length);
    long served = 0;
    for (JsonNode device : json.path("devices")) {
      served += device.path("served").asLong();
      assertThat(device.path("inCassandra").asLong())
          .as(device.toString())
          .isEqualTo(device.path("acquired").asLong());
    }
    assertThat(served).isGreaterThan(24L * 2 * 60);
    assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p)).toList())
        .as("processes left running")
        .isEmpty();
    assertNoSecretInTheLogs(state);
  }

  /**
   * Every password and key the run generated (servers' logins, each MQTT principal's, the JWT keys,
   * the console users') is absent from every component's log.
   */
  private static void assertNoSecretInTheLogs(Path state) throws IOException {
    List<String> secrets = new ArrayList<>();
    try (Stream<Path> files = Files.list(state.resolve("secrets"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".password") || name.endsWith(".key")) {
          secrets.add(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
      }
    }
    assertThat(secrets).as("secrets generated for the run").hasSizeGreaterThan(8);
    List<Path> logs;
    try (Stream<Path> files = Files.walk(state.resolve("run").resolve("logs"))) {
      logs = files.filter(Files::isRegularFile).toList();
    }
    assertThat(logs).hasSizeGreaterThan(8);
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      for (String secret : secrets) {
        assertThat(text.contains(secret)).as("a secret appears in %s", log).isFalse();
      }
    }
  }

  /**
   * Each service's Cassandra role reaches its own keyspace only: the query API reads the history
   * but cannot write it nor read work orders; the writers cannot read the quality keyspace.
   */
  private static void checkCassandraRoles(SoakRun.Finished finished, Path state) throws Exception {
    try (CqlSession query =
        finished.demo().cassandra().openSession(role(state, "plantline_query"))) {
      assertThat(
              query
                  .execute("SELECT count(*) FROM plantline_history.latest_by_device")
                  .one()
                  .getLong(0))
          .isPositive();
      assertThatThrownBy(
              () -> query.execute("SELECT * FROM plantline_workorders.work_order_events LIMIT 1"))
          .isInstanceOf(UnauthorizedException.class);
      assertThatThrownBy(
              () ->
                  query.execute(
                      "INSERT INTO plantline_history.latest_by_device (device_id, metrics)"
                          + " VALUES ('forged', {'x': (1.0, 'Cel', 'GOOD', 0)})"))
          .isInstanceOf(UnauthorizedException.class);
    }
    try (CqlSession writers =
        finished.demo().cassandra().openSession(role(state, "plantline_writers"))) {
      assertThatThrownBy(
              () -> writers.execute("SELECT * FROM plantline_quality.chart_points LIMIT 1"))
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  /**
   * Each component's Kafka principal reaches only what {@code KafkaAccess} grants it: the console
   * reads alarms but cannot write work-order commands, the bridge cannot read telemetry back, a
   * business service cannot write another one's events.
   */
  private static void checkKafkaAccess(SoakRun.Finished finished, Path state) throws Exception {
    KafkaServer kafka = finished.demo().kafka();
    assertThat(kafka.isSecured()).isTrue();
    Map<String, Object> console = kafka.clientProperties(kafkaLogin(state, "console"));
    assertThat(firstRecords(console, Topics.ALARMS)).as("the console reads alarms").isNotEmpty();
    assertThatThrownBy(() -> send(console, Topics.WORK_ORDER_COMMANDS))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(
            () ->
                firstRecords(
                    kafka.clientProperties(kafkaLogin(state, "bridge")), Topics.TELEMETRY_RAW))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(
            () -> send(kafka.clientProperties(kafkaLogin(state, "quality")), Topics.ENERGY_EVENTS))
        .hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  private static Credentials kafkaLogin(Path state, String principal) throws IOException {
    return new Credentials(
        principal,
        Files.readString(state.resolve("secrets").resolve("kafka-" + principal + ".password"))
            .strip());
  }

  private static void send(Map<String, Object> login, String topic) throws Exception {
    Map<String, Object> props = new HashMap<>(login);
    props.put("max.block.ms", 15_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "forged", "{}")).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> firstRecords(
      Map<String, Object> login, String topic) {
    Map<String, Object> props = new HashMap<>(login);
    props.put("enable.auto.commit", false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
      return read;
    }
  }

  private static Credentials role(Path state, String name) throws IOException {
    return new Credentials(
        name,
        Files.readString(state.resolve("secrets").resolve("cassandra-" + name + ".password"))
            .strip());
  }

  /** The anomaly's work order, its evidence and the device's values as an operator finds them. */
  private static void checkAsAnOperator(SoakRun.Finished finished) throws Exception {
    checkCassandraRoles(finished, Path.of("target", "soak-it").toAbsolutePath());
    checkKafkaAccess(finished, Path.of("target", "soak-it").toAbsolutePath());
    PlantDemo.Endpoints endpoints = finished.endpoints();
    String spindle = finished.anomalies().get(0);
    String token = ServiceTokens.issue(endpoints.serviceJwtKey(), "soak-it", List.of("viewer"));
    JsonNode page =
        getJson(endpoints.schedulingUrl() + "/api/v1/work-orders?assetId=" + spindle, token);
    assertThat(page.path("items")).as(page.toString()).hasSize(1);
    String workOrderId = page.path("items").get(0).path("workOrderId").asText();
    JsonNode order =
        getJson(endpoints.schedulingUrl() + "/api/v1/work-orders/" + workOrderId, token);
    assertThat(order.path("ruleId").asText()).isEqualTo(SoakRun.ANOMALY_RULE);
    assertThat(order.path("status").asText()).isEqualTo("OPEN");
    assertThat(order.path("priority").asText()).isEqualTo("HIGH");
    assertThat(order.path("evidence").path("winding_temperature_c.max").asDouble())
        .isGreaterThan(120.0);

    JsonNode latest =
        getJson(endpoints.queryApiUrl() + "/api/v1/devices/" + spindle + "/latest", token);
    assertThat(latest.toString()).contains("winding_temperature_c");

    assertThat(endpoints.consoleUrl()).as("the console runs in this soak").isPresent();
    String console = endpoints.consoleUrl().get().replaceAll("/$", "");
    String session = consoleLogin(console, endpoints, "operator");
    assertThat(
            getJson(console + "/api/v1/work-orders/" + workOrderId, session)
                .path("assetId")
                .asText())
        .isEqualTo(spindle);
    assertThat(getJson(console + "/api/v1/alarms", session).toString())
        .as("alarms through the console")
        .contains(spindle, SoakRun.ANOMALY_RULE);
    checkSetpoints(finished, console, token);
  }

  /**
   * An operator's setpoint through the console reaches a simulated spindle's holding register and
   * comes back in its telemetry; a value beyond the register map's limit is refused by the gateway,
   * a viewer is refused by the console, and the audit log has the applied write.
   */
  private static void checkSetpoints(SoakRun.Finished finished, String console, String viewerToken)
      throws Exception {
    PlantDemo.Endpoints endpoints = finished.endpoints();
    String spindle =
        endpoints.gatewayOfDevice().keySet().stream()
            .filter(d -> d.contains("spindle") && !finished.anomalies().contains(d))
            .sorted()
            .findFirst()
            .orElseThrow();
    String url = console + "/api/v1/devices/" + spindle + "/setpoints";
    String operator = consoleLogin(console, endpoints, "operator");
    HttpResponse<String> tooFast =
        postJson(url, operator, Map.of("point", "speed_setpoint_rpm", "value", 99_999));
    assertThat(tooFast.statusCode()).as(tooFast.body()).isEqualTo(422);
    assertThat(tooFast.body()).contains("above its maximum 12000.0");
    assertThat(
            postJson(
                    url,
                    consoleLogin(console, endpoints, "viewer"),
                    Map.of("point", "speed_setpoint_rpm", "value", 1234))
                .statusCode())
        .isEqualTo(403);

    // The drain halted every device; this one answers again (its gateway may still back off).
    finished.simulator().clearFaults(spindle);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    HttpResponse<String> applied =
        postJson(url, operator, Map.of("point", "speed_setpoint_rpm", "value", 1234));
    while (applied.statusCode() != 200 && System.nanoTime() < deadline) {
      assertThat(applied.statusCode()).as(applied.body()).isIn(502, 504);
      Thread.sleep(2000);
      applied = postJson(url, operator, Map.of("point", "speed_setpoint_rpm", "value", 1234));
    }
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(JSON.readTree(applied.body()).path("outcome").asText()).isEqualTo("APPLIED");

    String latestUrl = endpoints.queryApiUrl() + "/api/v1/devices/" + spindle + "/latest";
    double polled = Double.NaN;
    while (polled != 1234.0 && System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()) {
      for (JsonNode metric : getJson(latestUrl, viewerToken).path("metrics")) {
        if (metric.path("metric").asText().equals("speed_setpoint_rpm")) {
          polled = metric.path("value").asDouble();
        }
      }
      Thread.sleep(1000);
    }
    assertThat(polled).as("the setpoint polled back from the device").isEqualTo(1234.0);

    String admin = consoleLogin(console, endpoints, "admin");
    assertThat(getJson(console + "/api/v1/audit?limit=1000", admin).toString())
        .contains(
            "/api/v1/devices/" + spindle + "/setpoints: speed_setpoint_rpm = 1234.0 -> APPLIED")
        .contains("speed_setpoint_rpm = 99999.0 -> REJECTED");
  }
}
