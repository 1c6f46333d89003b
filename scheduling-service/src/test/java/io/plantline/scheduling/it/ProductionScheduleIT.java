package io.plantline.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.topic.Topics;
import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.scheduling.app.SchedulingConfig;
import io.plantline.scheduling.app.SchedulingService;
import io.plantline.scheduling.domain.jobshop.DispatchingRule;
import io.plantline.scheduling.domain.jobshop.JobShop;
import io.plantline.scheduling.domain.jobshop.JobShopFormat;
import io.plantline.scheduling.domain.jobshop.MachineCalendar;
import io.plantline.scheduling.domain.jobshop.Schedule;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production scheduler as {@link SchedulingService} runs it, on real Kafka and Cassandra: a
 * request (ft06, minutes as durations) is queued and solved, bad requests get 400 naming the
 * problem, a reported breakdown re-plans around it keeping what already ran, and maintenance
 * planned in a work order (REST, outbox, Kafka) re-plans the schedules that use the machine.
 */
@ExtendWith(EmbeddedServersExtension.class)
class ProductionScheduleIT {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private static SchedulingService service;
  private static Vertx vertx;
  private static String base;
  private static String planner;
  private static String technician;
  private static JobShop ft06;

  @BeforeAll
  static void start(KafkaServer kafka, CassandraServer cassandra) throws Exception {
    kafka.createTopics(2, Topics.WORK_ORDER_COMMANDS, Topics.WORK_ORDER_EVENTS, Topics.ALARMS);
    String secret = "production-it-" + UUID.randomUUID() + UUID.randomUUID();
    ApiTokens tokens = ApiTokens.hs256(secret);
    InetSocketAddress cql = cassandra.contactPoint();
    service =
        SchedulingService.start(
            new SchedulingConfig(
                new KafkaSettings(
                    kafka.bootstrapServers(),
                    Optional.of(kafka.clientCredentials().username()),
                    Optional.of(kafka.clientCredentials().password())),
                new CassandraSettings(
                    List.of(InetSocketAddress.createUnresolved("127.0.0.1", cql.getPort())),
                    cassandra.localDatacenter(),
                    Optional.of(cassandra.applicationCredentials().username()),
                    Optional.of(cassandra.applicationCredentials().password()),
                    "production_it",
                    1),
                new WorkOrderApiVerticle.Listen("127.0.0.1", 0),
                tokens,
                "production-it-" + UUID.randomUUID(),
                2));
    base = "http://127.0.0.1:" + service.apiPort();
    vertx = Vertx.vertx();
    planner = token(tokens, "planner-1", "planner");
    technician = token(tokens, "tech-1", "technician");
    try (InputStream in = ProductionScheduleIT.class.getResourceAsStream("/jobshop/ft06")) {
      ft06 = JobShopFormat.parse("ft06", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldScheduleThenReplanAroundABreakdownAndPlannedMaintenance() throws Exception {
    HttpResponse<String> accepted = post("/api/v1/schedules", planner, ft06Request());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = new JsonObject(accepted.body()).getString("scheduleId");
    assertThat(accepted.headers().firstValue("location")).contains("/api/v1/schedules/" + id);

    JsonObject first = awaitDone(id, 1);
    JsonObject result = first.getJsonObject("result");
    long makespanMinutes = Duration.parse(result.getString("makespan")).toMinutes();
    assertThat(makespanMinutes)
        .isBetween(55L, (long) DispatchingRule.MWKR.dispatch(ft06).makespan());
    assertThat(violations(result, Map.of())).isEmpty();
    assertThat(result.getJsonArray("operations")).hasSize(36);

    // M2 breaks down 20 minutes in, back after an hour; reported twice (a retry) re-plans once.
    Instant from = T0.plus(Duration.ofMinutes(20));
    Instant to = T0.plus(Duration.ofMinutes(80));
    JsonObject breakdown =
        new JsonObject()
            .put("machine", "M2")
            .put("from", from.toString())
            .put("to", to.toString())
            .put("reason", "spindle breakdown")
            .put("disruptionId", "breakdown-1");
    HttpResponse<String> replan =
        post("/api/v1/schedules/" + id + "/disruptions", technician, breakdown);
    assertThat(replan.statusCode()).as(replan.body()).isEqualTo(202);
    assertThat(new JsonObject(replan.body()).getInteger("version")).isEqualTo(2);
    HttpResponse<String> retry =
        post("/api/v1/schedules/" + id + "/disruptions", technician, breakdown);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getInteger("version")).isEqualTo(2);

    JsonObject second = awaitDone(id, 2).getJsonObject("result");
    assertThat(violations(second, Map.of("M2", window(from, to)))).isEmpty();
    Map<String, JsonObject> before = byOperation(result);
    int fixed = 0;
    for (Object o : second.getJsonArray("operations")) {
      JsonObject op = (JsonObject) o;
      JsonObject was = before.get(op.getString("job") + "/" + op.getString("operation"));
      if (op.getBoolean("fixed")) {
        fixed++;
        assertThat(op.getString("start")).isEqualTo(was.getString("start"));
        boolean done = !Instant.parse(was.getString("end")).isAfter(from);
        boolean runningElsewhere =
            Instant.parse(was.getString("start")).isBefore(from)
                && !"M2".equals(op.getString("machine"));
        assertThat(done || runningElsewhere).as(op.encode()).isTrue();
      } else {
        assertThat(Instant.parse(op.getString("start"))).as(op.encode()).isAfterOrEqualTo(from);
      }
    }
    assertThat(fixed).as("operations already running or done at the breakdown").isPositive();

    // Maintenance planned on M4 through the work-order API reaches the scheduler through Kafka.
    HttpResponse<String> opened =
        post(
            "/api/v1/work-orders",
            planner,
            new JsonObject()
                .put("siteId", "plant-1")
                .put("assetId", "M4")
                .put("priority", "MEDIUM")
                .put("reason", "Lubricate the guideways"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String workOrderId = new JsonObject(opened.body()).getString("workOrderId");
    Instant maintenanceStart = T0.plus(Duration.ofMinutes(100));
    Instant maintenanceEnd = T0.plus(Duration.ofMinutes(160));
    HttpResponse<String> planned =
        post(
            "/api/v1/work-orders/" + workOrderId + "/transitions",
            planner,
            new JsonObject()
                .put("action", "plan")
                .put("plannedStart", maintenanceStart.toString())
                .put("plannedEnd", maintenanceEnd.toString()));
    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);

    JsonObject third = awaitDone(id, 3);
    assertThat(third.getJsonObject("disruption").getString("key"))
        .startsWith("work-order " + workOrderId);
    JsonObject thirdResult = third.getJsonObject("result");
    assertThat(
            violations(
                thirdResult,
                Map.of("M2", window(from, to), "M4", window(maintenanceStart, maintenanceEnd))))
        .isEmpty();
    assertThat(thirdResult.getJsonArray("downtimes").encode())
        .contains("maintenance planned in work order " + workOrderId);

    HttpResponse<String> list = get("/api/v1/schedules", planner);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(id);
    HttpResponse<String> v1 = get("/api/v1/schedules/" + id + "/versions/1", technician);
    assertThat(new JsonObject(v1.body()).getJsonObject("result").getString("makespan"))
        .isEqualTo(result.getString("makespan"));
  }

  @Test
  void shouldRefuseWhatCannotBeScheduledNamingTheProblem() throws Exception {
    assertBadRequest(withOperation(0, 1, op("x", "M9", "PT5M")), "unknown machine M9");
    assertBadRequest(withOperation(0, 1, op("x", "M1", "-PT5M")), "duration must not be negative");
    JsonObject empty = ft06Request();
    empty.getJsonArray("jobs").getJsonObject(2).put("operations", new JsonArray());
    assertBadRequest(empty, "job J2 has no operations");
    JsonObject cyclic = ft06Request();
    JsonArray ops = cyclic.getJsonArray("jobs").getJsonObject(0).getJsonArray("operations");
    ops.getJsonObject(0).put("after", new JsonArray().add("1"));
    ops.getJsonObject(1).put("after", new JsonArray().add("0"));
    assertBadRequest(cyclic, "cyclic precedence");
    JsonObject badTime = ft06Request();
    badTime.getJsonObject("horizon").put("start", "monday");
    HttpResponse<String> response = post("/api/v1/schedules", planner, badTime);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("field")).isEqualTo("horizon.start");

    HttpResponse<String> notAPlanner = post("/api/v1/schedules", technician, ft06Request());
    assertThat(notAPlanner.statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous =
        LoopbackHttp.sendForString(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/schedules"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/schedules/" + UUID.randomUUID(), planner).statusCode()).isEqualTo(404);
  }

  private static void assertBadRequest(JsonObject body, String reason) throws Exception {
    HttpResponse<String> response = post("/api/v1/schedules", planner, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).contains(reason);
  }

  /**
   * Checks a result against ft06 (minutes) with the given windows, via the domain's own checker.
   */
  private static List<String> violations(
      JsonObject result, Map<String, MachineCalendar.Window> windows) {
    JobShop.Builder builder = JobShop.builder("ft06 as served");
    for (int m = 0; m < ft06.machineCount(); m++) {
      MachineCalendar.Window w = windows.get(ft06.machineId(m));
      builder.machine(ft06.machineId(m), w == null ? List.of() : List.of(w));
    }
    for (int j = 0; j < ft06.jobCount(); j++) {
      List<JobShop.OperationSpec> ops = new ArrayList<>();
      for (int o = 0; o < ft06.operationCount(); o++) {
        if (ft06.jobOf(o) == j) {
          ops.add(
              new JobShop.OperationSpec(
                  ft06.operationId(o),
                  ft06.machineId(ft06.machineOf(o)),
                  ft06.durationOf(o) * 60,
                  null));
        }
      }
      builder.job(new JobShop.JobSpec(ft06.jobId(j), 0, ops));
    }
    JobShop shop = builder.build();
    Map<String, JsonObject> served = byOperation(result);
    int[] start = new int[shop.operationCount()];
    for (int o = 0; o < shop.operationCount(); o++) {
      JsonObject op = served.get(shop.jobId(shop.jobOf(o)) + "/" + shop.operationId(o));
      assertThat(op)
          .as("operation %s/%s served", shop.jobId(shop.jobOf(o)), shop.operationId(o))
          .isNotNull();
      assertThat(op.getString("machine")).isEqualTo(shop.machineId(shop.machineOf(o)));
      start[o] = (int) Duration.between(T0, Instant.parse(op.getString("start"))).getSeconds();
      assertThat(
              Duration.between(
                      Instant.parse(op.getString("start")), Instant.parse(op.getString("end")))
                  .getSeconds())
          .isEqualTo(shop.durationOf(o));
    }
    return new Schedule(shop, start).violations();
  }

  private static MachineCalendar.Window window(Instant from, Instant to) {
    return new MachineCalendar.Window(
        (int) Duration.between(T0, from).getSeconds(), (int) Duration.between(T0, to).getSeconds());
  }

  private static Map<String, JsonObject> byOperation(JsonObject result) {
    Map<String, JsonObject> map = new HashMap<>();
    for (Object o : result.getJsonArray("operations")) {
      JsonObject op = (JsonObject) o;
      map.put(op.getString("job") + "/" + op.getString("operation"), op);
    }
    return map;
  }

  private static JsonObject ft06Request() {
    JsonArray jobs = new JsonArray();
    for (int j = 0; j < ft06.jobCount(); j++) {
      JsonArray ops = new JsonArray();
      for (int o = 0; o < ft06.operationCount(); o++) {
        if (ft06.jobOf(o) == j) {
          ops.add(
              op(
                  ft06.operationId(o),
                  ft06.machineId(ft06.machineOf(o)),
                  Duration.ofMinutes(ft06.durationOf(o)).toString()));
        }
      }
      jobs.add(
          new JsonObject()
              .put("id", ft06.jobId(j))
              .put("due", T0.plus(Duration.ofHours(1)).toString())
              .put("operations", ops));
    }
    JsonArray machines = new JsonArray();
    for (int m = 0; m < ft06.machineCount(); m++) {
      machines.add(new JsonObject().put("id", ft06.machineId(m)));
    }
    return new JsonObject()
        .put("name", "ft06 in minutes")
        .put(
            "horizon",
            new JsonObject()
                .put("start", T0.toString())
                .put("end", T0.plus(Duration.ofHours(8)).toString()))
        .put("machines", machines)
        .put("jobs", jobs)
        .put("solver", new JsonObject().put("timeBudget", "PT2S").put("seed", 7));
  }

  private static JsonObject withOperation(int job, int index, JsonObject operation) {
    JsonObject request = ft06Request();
    request
        .getJsonArray("jobs")
        .getJsonObject(job)
        .getJsonArray("operations")
        .set(index, operation);
    return request;
  }

  private static JsonObject op(String id, String machine, String duration) {
    return new JsonObject().put("id", id).put("machine", machine).put("duration", duration);
  }

  private static JsonObject awaitDone(String id, int version) {
    JsonObject[] done = new JsonObject[1];
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              HttpResponse<String> got =
                  get("/api/v1/schedules/" + id + "/versions/" + version, planner);
              assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
              JsonObject json = new JsonObject(got.body());
              assertThat(json.getString("status")).as(got.body()).isIn("DONE", "FAILED");
              done[0] = json;
            });
    assertThat(done[0].getString("status")).as(done[0].encode()).isEqualTo("DONE");
    return done[0];
  }

  private static String token(ApiTokens tokens, String subject, String role) {
    return tokens.issue(
        vertx, new JsonObject().put("sub", subject).put("roles", new JsonArray().add(role)), 600);
  }

  private static HttpResponse<String> post(String path, String token, JsonObject body)
      throws Exception {
    return LoopbackHttp.sendForString(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return LoopbackHttp.sendForString(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .build());
  }
}
