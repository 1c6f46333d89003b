package io.plantline.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderEventProjector;
import io.plantline.scheduling.adapter.out.cassandra.CassandraActiveCauseIndex;
import io.plantline.scheduling.adapter.out.cassandra.CassandraAlarmClearances;
import io.plantline.scheduling.adapter.out.cassandra.CassandraEventStore;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.CassandraProjections;
import io.plantline.scheduling.adapter.out.cassandra.CassandraWorkOrderQueries;
import io.plantline.scheduling.adapter.out.cassandra.ProjectionSchema;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import io.plantline.scheduling.adapter.out.kafka.OutboxPublisher;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.service.http.ApiTokens;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API on real Cassandra and Kafka: status codes, fields, versions, paging, roles. */
@ExtendWith(EmbeddedServersExtension.class)
class WorkOrderApiIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String KEYSPACE = "workorders_api_it";
  private static final String EVENTS = "workorder.events.api-it";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static CqlSession cql;
  private static Vertx vertx;
  private static ApiTokens tokens;
  private static OutboxPublisher publisher;
  private static WorkOrderEventProjector projector;
  private static String base;

  @BeforeAll
  static void start(KafkaServer kafka, CassandraServer cassandra) throws Exception {
    kafka.createTopics(2, EVENTS);
    cql = cassandra.openSession();
    WorkOrderSchema.create(cql, KEYSPACE, 1);
    ProjectionSchema.create(cql, KEYSPACE);
    CassandraEventStore store = new CassandraEventStore(cql, KEYSPACE);
    WorkOrderCommandHandler handler =
        new WorkOrderCommandHandler(
            store,
            new CassandraActiveCauseIndex(cql, KEYSPACE),
            new CassandraAlarmClearances(cql, KEYSPACE));
    Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    publisher =
        new OutboxPublisher(
                new CassandraOutbox(cql, KEYSPACE),
                new KafkaProducer<>(
                    producerProps, new StringSerializer(), new ByteArraySerializer()),
                EVENTS,
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Clock.systemUTC())
            .start();
    Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "api-it-" + UUID.randomUUID());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    projector =
        new WorkOrderEventProjector(
                new KafkaConsumer<>(
                    consumerProps, new StringDeserializer(), new ByteArrayDeserializer()),
                EVENTS,
                new CassandraProjections(cql, KEYSPACE, store),
                Duration.ofMillis(200))
            .start();
    vertx = Vertx.vertx();
    tokens = ApiTokens.hs256("api-it-" + UUID.randomUUID() + "-" + UUID.randomUUID());
    WorkOrderApiVerticle api =
        new WorkOrderApiVerticle(
            new WorkOrderApiVerticle.Listen("127.0.0.1", 0),
            handler,
            store,
            new CassandraWorkOrderQueries(cql, KEYSPACE),
            tokens,
            a -> publisher.appended(a.events()),
            Clock.systemUTC(),
            null);
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + api.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (projector != null) {
      projector.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (cql != null) {
      cql.close();
    }
  }

  @Test
  void shouldServeTheOpenApiDocumentWithoutAToken() throws Exception {
    HttpResponse<String> doc = send("GET", "/openapi.yaml", null, null);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .startsWith("openapi: 3.")
        .contains("/api/v1/work-orders/{id}/transitions:");
  }

  @Test
  void shouldRefuseRequestsWithoutATokenOrWithARoleThatMayNotWrite() throws Exception {
    assertThat(send("GET", "/api/v1/work-orders?siteId=s1", null, null).statusCode())
        .isEqualTo(401);
    String viewer = token("viewer-1", "viewer");
    assertThat(send("GET", "/api/v1/work-orders?siteId=s1", null, viewer).statusCode())
        .isEqualTo(200);
    HttpResponse<String> write =
        send("POST", "/api/v1/work-orders", create("s1", "a1", "LOW"), viewer);
    assertThat(write.statusCode()).isEqualTo(403);
  }

  @Test
  void shouldCreateReadAndTransitionCheckingVersionsAndTransitions() throws Exception {
    String tech = token("tech-7", "technician");
    JsonObject body =
        create("site-rest", "asset-rest", "HIGH").put("commandId", UUID.randomUUID().toString());
    HttpResponse<String> created = send("POST", "/api/v1/work-orders", body, tech);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("workOrderId");
    assertThat(new JsonObject(created.body()).getLong("version")).isEqualTo(1);
    HttpResponse<String> again = send("POST", "/api/v1/work-orders", body, tech);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getBoolean("duplicate")).isTrue();

    String path = "/api/v1/work-orders/" + id;
    HttpResponse<String> start =
        send("POST", path + "/transitions", new JsonObject().put("action", "start"), tech);
    assertThat(start.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(start.body()).getString("error"))
        .contains("cannot start")
        .contains("OPEN");

    JsonObject assign =
        new JsonObject()
            .put("action", "assign")
            .put("assignee", "tech-7")
            .put("expectedVersion", 1);
    assertThat(send("POST", path + "/transitions", assign, tech).statusCode()).isEqualTo(200);
    HttpResponse<String> stale =
        send("POST", path + "/transitions", assign.copy().put("assignee", "tech-8"), tech);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(stale.body()).getString("field")).isEqualTo("expectedVersion");
    assertThat(new JsonObject(stale.body()).getLong("actualVersion")).isEqualTo(2);

    HttpResponse<String> comment =
        send("POST", path + "/comments", new JsonObject().put("text", "parts ordered"), tech);
    assertThat(comment.statusCode()).isEqualTo(201);

    HttpResponse<String> got = send("GET", path, null, token("v-1", "viewer"));
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("etag")).contains("\"3\"");
    JsonObject order = new JsonObject(got.body());
    assertThat(order.getString("status")).isEqualTo("ASSIGNED");
    assertThat(order.getString("assignee")).isEqualTo("tech-7");
    assertThat(order.getJsonArray("notes").getJsonObject(0).getString("author"))
        .isEqualTo("tech-7");

    assertThat(send("GET", "/api/v1/work-orders/WO-none", null, tech).statusCode()).isEqualTo(404);
    assertThat(
            send(
                    "POST",
                    "/api/v1/work-orders/WO-none/transitions",
                    new JsonObject().put("action", "start"),
                    tech)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldKeepTheEvidenceOfACreatedOrderInTheOrderAndInTheList() throws Exception {
    String planner = token("planner-2", "planner");
    String site = "site-ev-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject body =
        create(site, "asset-ev", "HIGH")
            .put("evidence", new JsonObject().put("vibration.rms", 7.25).put("threshold", 4));
    HttpResponse<String> created = send("POST", "/api/v1/work-orders", body, planner);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("workOrderId");

    JsonObject order =
        new JsonObject(send("GET", "/api/v1/work-orders/" + id, null, planner).body());
    assertThat(order.getJsonObject("evidence").getMap())
        .containsExactly(Map.entry("threshold", 4.0), Map.entry("vibration.rms", 7.25));
    await().atMost(DEADLINE).until(() -> listAll(site, 10, planner).size() == 1);
    assertThat(listAll(site, 10, planner).get(0).getJsonObject("evidence").getDouble("threshold"))
        .isEqualTo(4.0);
    JsonObject manual =
        new JsonObject(
            send(
                    "GET",
                    "/api/v1/work-orders/"
                        + new JsonObject(
                                send(
                                        "POST",
                                        "/api/v1/work-orders",
                                        create(site, "a", "LOW"),
                                        planner)
                                    .body())
                            .getString("workOrderId"),
                    null,
                    planner)
                .body());
    assertThat(manual.getJsonObject("evidence")).isEmpty();
  }

  @Test
  void shouldLetOnlyAPlannerPlanAWindowWhileOpenOrAssigned() throws Exception {
    String planner = token("planner-3", "planner");
    String tech = token("tech-3", "technician");
    String id =
        new JsonObject(
                send("POST", "/api/v1/work-orders", create("site-p", "asset-p", "MEDIUM"), planner)
                    .body())
            .getString("workOrderId");
    String transitions = "/api/v1/work-orders/" + id + "/transitions";
    JsonObject plan =
        new JsonObject()
            .put("action", "plan")
            .put("plannedStart", "2026-12-01T06:00:00Z")
            .put("plannedEnd", "2026-12-01T10:00:00+02:00");
    assertThat(send("POST", transitions, plan, tech).statusCode()).isEqualTo(403);
    assertThat(
            send("POST", "/api/v1/work-orders/WO-none-p/transitions", plan, planner).statusCode())
        .isEqualTo(404);
    HttpResponse<String> planned = send("POST", transitions, plan, planner);
    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
    assertThat(new JsonObject(planned.body()).getLong("version")).isEqualTo(2);

    assertThat(field(send("POST", transitions, plan.copy().put("plannedEnd", "tomorrow"), planner)))
        .isEqualTo("plannedEnd");
    JsonObject noStart = plan.copy();
    noStart.remove("plannedStart");
    assertThat(field(send("POST", transitions, noStart, planner))).isEqualTo("plannedStart");
    assertThat(
            field(
                send(
                    "POST",
                    transitions,
                    plan.copy().put("plannedEnd", "2026-12-01T05:00:00Z"),
                    planner)))
        .isEqualTo("plannedEnd");

    JsonObject order = new JsonObject(send("GET", "/api/v1/work-orders/" + id, null, tech).body());
    assertThat(order.getString("plannedStart")).isEqualTo("2026-12-01T06:00:00Z");
    assertThat(order.getString("plannedEnd")).isEqualTo("2026-12-01T08:00:00Z");
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                "2026-12-01T06:00:00Z"
                    .equals(
                        listAll("site-p", 100, tech).stream()
                            .filter(o -> o.getString("workOrderId").equals(id))
                            .findFirst()
                            .map(o -> o.getString("plannedStart"))
                            .orElse(null)));

    assertThat(
            send(
                    "POST",
                    transitions,
                    new JsonObject().put("action", "assign").put("assignee", "tech-3"),
                    planner)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send("POST", transitions, new JsonObject().put("action", "start"), tech).statusCode())
        .isEqualTo(200);
    HttpResponse<String> late = send("POST", transitions, plan, planner);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(late.body()).getString("error"))
        .contains("cannot plan")
        .contains("IN_PROGRESS");
  }

  @Test
  void shouldAnswerBadInputWith400NamingTheField() throws Exception {
    String tech = token("tech-7", "technician");
    assertThat(field(send("POST", "/api/v1/work-orders", create("s", "a", "SOON"), tech)))
        .isEqualTo("priority");
    JsonObject noReason = create("s", "a", "LOW");
    noReason.remove("reason");
    assertThat(field(send("POST", "/api/v1/work-orders", noReason, tech))).isEqualTo("reason");
    assertThat(field(send("POST", "/api/v1/work-orders", create("site/1", "a", "LOW"), tech)))
        .isEqualTo("siteId");
    assertThat(
            field(
                send(
                    "POST",
                    "/api/v1/work-orders",
                    create("s", "a", "LOW").put("evidence", new JsonObject().put("temp max", 1)),
                    tech)))
        .isEqualTo("evidence");
    assertThat(
            field(
                send(
                    "POST",
                    "/api/v1/work-orders",
                    create("s", "a", "LOW")
                        .put("evidence", new JsonObject().put("temp.max", "hot")),
                    tech)))
        .isEqualTo("evidence.temp.max");
    String huge =
        create("s", "a", "LOW").encode().replaceFirst("\\}$", ",\"evidence\":{\"x\":1e400}}");
    assertThat(field(sendText("POST", "/api/v1/work-orders", huge, tech))).isEqualTo("evidence.x");
    assertThat(
            field(
                send(
                    "POST",
                    "/api/v1/work-orders",
                    create("s", "a", "LOW").put("evidence", new JsonArray().add(1)),
                    tech)))
        .isEqualTo("evidence");
    assertThat(field(send("GET", "/api/v1/work-orders?siteId=s&pageSize=500", null, tech)))
        .isEqualTo("pageSize");
    assertThat(field(send("GET", "/api/v1/work-orders", null, tech))).isEqualTo("siteId");
    assertThat(field(send("GET", "/api/v1/work-orders?siteId=s&pageToken=bogus", null, tech)))
        .isEqualTo("pageToken");
    String id =
        new JsonObject(send("POST", "/api/v1/work-orders", create("s", "a", "LOW"), tech).body())
            .getString("workOrderId");
    String transitions = "/api/v1/work-orders/" + id + "/transitions";
    assertThat(field(send("POST", transitions, new JsonObject().put("action", "fly"), tech)))
        .isEqualTo("action");
    assertThat(field(send("POST", transitions, new JsonObject().put("action", "assign"), tech)))
        .isEqualTo("assignee");
    assertThat(
            field(
                send(
                    "POST",
                    transitions,
                    new JsonObject().put("action", "start").put("expectedVersion", "x"),
                    tech)))
        .isEqualTo("expectedVersion");
  }

  @Test
  void shouldPageOpenOrdersOfASiteMostUrgentFirst() throws Exception {
    String tech = token("planner-1", "planner");
    String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> priorities = List.of("LOW", "URGENT", "MEDIUM", "HIGH", "URGENT");
    for (String p : priorities) {
      assertThat(
              send("POST", "/api/v1/work-orders", create(site, "asset-" + p, p), tech).statusCode())
          .isEqualTo(201);
    }
    await().atMost(DEADLINE).until(() -> listAll(site, 50, tech).size() == priorities.size());
    List<JsonObject> paged = listAll(site, 2, tech);
    assertThat(paged)
        .extracting(o -> o.getString("priority"))
        .containsExactly("URGENT", "URGENT", "HIGH", "MEDIUM", "LOW");
    HttpResponse<String> urgent =
        send("GET", "/api/v1/work-orders?siteId=" + site + "&priority=URGENT", null, tech);
    assertThat(new JsonObject(urgent.body()).getJsonArray("items")).hasSize(2);
  }

  private static List<JsonObject> listAll(String site, int pageSize, String token)
      throws Exception {
    List<JsonObject> all = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String query =
          "/api/v1/work-orders?siteId="
              + site
              + "&pageSize="
              + pageSize
              + (next == null
                  ? ""
                  : "&pageToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      HttpResponse<String> page = send("GET", query, null, token);
      assertThat(page.statusCode()).isEqualTo(200);
      JsonObject body = new JsonObject(page.body());
      JsonArray items = body.getJsonArray("items");
      assertThat(items.size()).isLessThanOrEqualTo(pageSize);
      items.forEach(i -> all.add((JsonObject) i));
      next = body.getString("nextPageToken");
    } while (next != null && ++pages < 20);
    return all;
  }

  private static String field(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return new JsonObject(response.body()).getString("field");
  }

  private static JsonObject create(String site, String asset, String priority) {
    return new JsonObject()
        .put("siteId", site)
        .put("assetId", asset)
        .put("priority", priority)
        .put("reason", "Lubricate the main bearing");
  }

  private static String token(String subject, String role) {
    return tokens.issue(
        vertx, new JsonObject().put("sub", subject).put("roles", new JsonArray().add(role)), 300);
  }

  private static HttpResponse<String> send(
      String method, String path, JsonObject body, String token) throws Exception {
    return sendText(method, path, body == null ? null : body.encode(), token);
  }

  private static HttpResponse<String> sendText(
      String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
