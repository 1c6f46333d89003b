package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantline.console.TestJwts;
import io.plantline.console.adapter.in.http.HttpSettings;
import io.plantline.console.domain.Alarms;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real console over HTTP: login, the token cases, the role matrix on representative routes
 * (with the minted downstream token checked at a local stub of the services), site scoping, body
 * caps, rate limits, security headers, and upstream failures.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSecurityIT {
  private static final String SERVICE_SECRET =
      "service-secret-shared-with-the-services-" + UUID.randomUUID();

  private KafkaServer kafka;
  private StubServices stub;
  private ConsoleHarness console;
  private final Map<String, String> tokens = new java.util.HashMap<>();
  private final String alarmOne = "alm-sec-" + UUID.randomUUID();
  private final String alarmTwo = "alm-sec-" + UUID.randomUUID();

  @BeforeAll
  void start(KafkaServer kafka) throws Exception {
    this.kafka = kafka;
    Kafka.topics(kafka);
    stub = new StubServices(SERVICE_SECRET);
    stub.device("press-1", "site-1", "area-1", "BIRTH");
    stub.device("pump-7", "site-2", "area-9", "BIRTH");
    stub.device("slow-1", "site-1", "area-1", "BIRTH");
    console =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            stub.url(),
            stub.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(2),
            List.of());
    for (String alarm : List.of(alarmOne, alarmTwo)) {
      Kafka.publish(
          kafka,
          Topics.ALARMS,
          "press-1",
          Codecs.ALARM_EVENT.encode(
              Alarms.event(
                  alarm,
                  "press-1",
                  "site-1",
                  AlarmState.RAISED,
                  AlarmSeverity.HIGH,
                  Instant.now(),
                  Map.of())));
    }
    for (String user : ConsoleHarness.USERS.keySet()) {
      tokens.put(user, console.login(user));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (console.get("/api/v1/alarms/" + alarmTwo, tokens.get("admin")).status() != 200) {
      assertThat(System.nanoTime()).as("alarms consumed in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @BeforeEach
  void workOrders() {
    stub.workOrder(StubServices.order("wo-1", "site-1", "press-1", alarmOne, "ASSIGNED"));
    stub.workOrder(StubServices.order("wo-2", "site-2", "pump-7", null, "OPEN"));
    stub.forget();
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

  @Test
  void shouldLogInWithTheRightPasswordOnly() throws Exception {
    ConsoleHarness.Resp ok =
        console.post(
            "/api/v1/login",
            null,
            new JsonObject()
                .put("username", "operator")
                .put("password", ConsoleHarness.password("operator"))
                .encode());
    ConsoleHarness.Resp wrong =
        console.post(
            "/api/v1/login",
            null,
            new JsonObject()
                .put("username", "operator")
                .put("password", "operator-password-124")
                .encode());
    ConsoleHarness.Resp unknown =
        console.post(
            "/api/v1/login",
            null,
            new JsonObject().put("username", "nobody").put("password", "whatever-it-is").encode());
    ConsoleHarness.Resp malformed = console.post("/api/v1/login", null, "{\"username\": 1}");

    assertThat(ok.status()).isEqualTo(200);
    JsonObject body = ok.json();
    assertThat(body.getJsonArray("roles").getList()).containsExactly("operator");
    assertThat(body.getJsonArray("sites").getList()).containsExactly("site-1");
    JsonObject claims = TestJwts.payload(body.getString("token"));
    assertThat(claims.getString("sub")).isEqualTo("operator");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
    assertThat(Instant.parse(body.getString("expiresAt")).getEpochSecond())
        .isEqualTo(claims.getLong("exp"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.json().getString("error")).isEqualTo(unknown.json().getString("error"));
    assertThat(wrong.header("Content-Type")).startsWith("application/json");
    assertThat(malformed.status()).isEqualTo(400);
  }

  @Test
  void shouldRefreshASessionAndEndItForEveryTokenAtLogout() throws Exception {
    String first = console.login("maintenance");
    ConsoleHarness.Resp refreshed = console.post("/api/v1/session/refresh", first, null);
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
    String second = refreshed.json().getString("token");
    assertThat(TestJwts.payload(second).getString("sid"))
        .isEqualTo(TestJwts.payload(first).getString("sid"));
    assertThat(Instant.parse(refreshed.json().getString("sessionEndsAt")))
        .isAfter(Instant.now().plus(Duration.ofHours(11)));
    assertThat(console.get("/api/v1/session", second).status()).isEqualTo(200);
    String otherSession = console.login("maintenance");

    ConsoleHarness.Resp logout =
        console.request(
            HttpRequest.newBuilder(URI.create(console.base() + "/api/v1/session"))
                .header("Authorization", "Bearer " + first)
                .DELETE());

    assertThat(logout.status()).isEqualTo(204);
    for (String token : List.of(first, second)) {
      ConsoleHarness.Resp after = console.get("/api/v1/session", token);
      assertThat(after.status()).isEqualTo(401);
      assertThat(after.json().getString("error")).contains("session ended");
      assertThat(console.post("/api/v1/session/refresh", token, null).status()).isEqualTo(401);
    }
    assertThat(console.get("/api/v1/session", otherSession).status())
        .as("another login of the same user is another session")
        .isEqualTo(200);
    // Another replica learns of the logout from console.sessions.v1 ...
    try (ConsoleHarness replica =
        ConsoleHarness.replicaOf(console, kafka, SERVICE_SECRET, stub.url())) {
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> assertThat(replica.get("/api/v1/session", second).status()).isEqualTo(401));
      assertThat(replica.get("/api/v1/session", otherSession).status()).isEqualTo(200);
    }
    // ... and a replica started after it refuses the session as soon as it reports ready.
    try (ConsoleHarness restarted =
        ConsoleHarness.replicaOf(console, kafka, SERVICE_SECRET, stub.url())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> restarted.get("/health/ready", null).status() == 200);
      ConsoleHarness.Resp after = restarted.get("/api/v1/session", first);
      assertThat(after.status()).as("ready means the earlier logouts are read").isEqualTo(401);
      assertThat(after.json().getString("error")).contains("session ended");
    }
  }

  @Test
  void shouldRefuseMissingExpiredUnsignedForeignAndForgedTokensWith401() throws Exception {
    JsonObject claims =
        TestJwts.claims("admin", List.of("admin"), List.of("*"), Instant.now().plusSeconds(600));
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "token expired",
        TestJwts.hs256(
            console.consoleKey(),
            TestJwts.claims(
                "admin",
                List.of("admin"),
                List.of("*"),
                // expired longer ago than the clock skew the console allows
                Instant.now()
                    .minus(io.plantline.console.adapter.in.http.UserTokens.CLOCK_SKEW)
                    .minusSeconds(5))));
    cases.put("token is not a signed JWT", TestJwts.algNone(claims));
    cases.put(
        "token algorithm none is not accepted (HS256 only)",
        TestJwts.signed(console.consoleKey(), new JsonObject().put("alg", "none"), claims));
    cases.put(
        "token audience not accepted",
        TestJwts.hs256(console.consoleKey(), claims.copy().put("aud", "plantline-query-api")));
    cases.put(
        "token signature invalid",
        TestJwts.hs256(SERVICE_SECRET, claims)); // a service token replayed

    for (Map.Entry<String, String> c : cases.entrySet()) {
      for (String path :
          List.of("/api/v1/alarms", "/api/v1/work-orders/wo-1", "/api/v1/devices/press-1/latest")) {
        ConsoleHarness.Resp r = console.get(path, c.getValue());
        assertThat(r.status()).as(c.getKey() + " on " + path).isEqualTo(401);
        assertThat(r.json().getString("error")).as(path).isEqualTo(c.getKey());
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
      }
    }
    ConsoleHarness.Resp none = console.get("/api/v1/alarms", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().getString("error")).isEqualTo("a Bearer token is required");
    assertThat(stub.seen()).as("nothing reached the services").isEmpty();
  }

  private record Case(String user, String method, String path, String body, int status) {}

  @Test
  void shouldApplyTheRoleMatrixAndMintTheMappedDownstreamRole() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (String user : List.of("viewer", "operator", "maintenance", "admin")) {
      cases.add(new Case(user, "GET", "/api/v1/devices/press-1/latest", null, 200));
      cases.add(new Case(user, "GET", "/api/v1/work-orders/wo-1", null, 200));
      cases.add(new Case(user, "GET", "/api/v1/alarms", null, 200));
      cases.add(new Case(user, "GET", "/api/v1/gateways/health", null, 200));
      cases.add(new Case(user, "GET", "/api/v1/assets/press-1/reliability", null, 200));
    }
    String start = new JsonObject().put("action", "start").encode();
    String cancel = new JsonObject().put("action", "cancel").put("reason", "duplicate").encode();
    String comment = new JsonObject().put("text", "bearing noise").encode();
    String setpoint =
        new JsonObject().put("point", "speed_setpoint_rpm").put("value", 1200).encode();
    String create =
        new JsonObject()
            .put("siteId", "site-1")
            .put("assetId", "press-1")
            .put("priority", "LOW")
            .put("reason", "check")
            .encode();
    cases.addAll(
        List.of(
            new Case("viewer", "POST", "/api/v1/work-orders/wo-1/transitions", start, 403),
            new Case("operator", "POST", "/api/v1/work-orders/wo-1/transitions", start, 403),
            new Case("maintenance", "POST", "/api/v1/work-orders/wo-1/transitions", cancel, 403),
            new Case("viewer", "POST", "/api/v1/work-orders/wo-1/comments", comment, 403),
            new Case("operator", "POST", "/api/v1/work-orders/wo-1/comments", comment, 403),
            new Case("maintenance", "POST", "/api/v1/work-orders/wo-1/comments", comment, 201),
            new Case("admin", "POST", "/api/v1/work-orders/wo-1/comments", comment, 201),
            new Case("maintenance", "POST", "/api/v1/work-orders", create, 403),
            new Case("operator", "POST", "/api/v1/work-orders", create, 403),
            new Case("admin", "POST", "/api/v1/work-orders", create, 201),
            new Case("viewer", "POST", "/api/v1/alarms/" + alarmOne + "/acknowledge", "{}", 403),
            new Case(
                "maintenance", "POST", "/api/v1/alarms/" + alarmOne + "/acknowledge", "{}", 403),
            new Case("operator", "POST", "/api/v1/alarms/" + alarmOne + "/acknowledge", "{}", 202),
            new Case("admin", "POST", "/api/v1/alarms/" + alarmTwo + "/acknowledge", "{}", 202),
            // setpoints: operator and admin pass the role and site checks; this console has no
            // MQTT commander (ConsoleSetpointIT has one), hence 503 after the checks
            new Case("viewer", "POST", "/api/v1/devices/press-1/setpoints", setpoint, 403),
            new Case("maintenance", "POST", "/api/v1/devices/press-1/setpoints", setpoint, 403),
            new Case("operator", "POST", "/api/v1/devices/press-1/setpoints", setpoint, 503),
            new Case("admin", "POST", "/api/v1/devices/press-1/setpoints", setpoint, 503),
            new Case("maintenance", "POST", "/api/v1/work-orders/wo-1/transitions", start, 200),
            new Case("admin", "POST", "/api/v1/work-orders/wo-1/transitions", cancel, 200)));
    Map<String, String> queryRole =
        Map.of(
            "viewer",
            "viewer",
            "operator",
            "operator",
            "maintenance",
            "viewer",
            "admin",
            "operator");
    Map<String, String> schedulingRole =
        Map.of(
            "viewer",
            "viewer",
            "operator",
            "viewer",
            "maintenance",
            "technician",
            "admin",
            "planner");

    for (Case c : cases) {
      stub.forget();
      ConsoleHarness.Resp r =
          c.method().equals("GET")
              ? console.get(c.path(), tokens.get(c.user()))
              : console.post(c.path(), tokens.get(c.user()), c.body());
      String what = c.user() + " " + c.method() + " " + c.path() + " " + c.body();
      assertThat(r.status()).as(what + " → " + r.text()).isEqualTo(c.status());
      assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
      List<StubServices.Seen> forwarded =
          stub.seen().stream()
              .filter(s -> s.method().equals(c.method()) && s.path().equals(c.path()))
              .toList();
      if (c.status() == 403) {
        assertThat(r.json().getString("error")).as(what).contains("do not allow");
        assertThat(forwarded).as(what + ": nothing forwarded").isEmpty();
      } else if (c.path().endsWith("/setpoints")) {
        assertThat(forwarded).as(what + ": setpoints go over MQTT, not to a service").isEmpty();
      } else if (c.path().startsWith("/api/v1/devices/")) {
        assertThat(forwarded)
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(s.claims().getString("sub")).isEqualTo(c.user());
                  assertThat(s.claims().getJsonArray("roles").getList())
                      .containsExactly(queryRole.get(c.user()));
                  assertThat(s.claims().getLong("exp") - s.claims().getLong("iat")).isEqualTo(60);
                });
      } else if (c.path().startsWith("/api/v1/work-orders")
          || c.path().startsWith("/api/v1/assets")) {
        assertThat(forwarded)
            .as(what)
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(s.path()).isEqualTo(c.path());
                  assertThat(s.claims().getString("sub")).isEqualTo(c.user());
                  assertThat(s.claims().getJsonArray("roles").getList())
                      .containsExactly(schedulingRole.get(c.user()));
                  if (c.body() != null) {
                    assertThat(new JsonObject(s.body())).isEqualTo(new JsonObject(c.body()));
                  }
                });
      }
    }
    assertThat(
            stub.workOrder("wo-1").getJsonArray("notes").stream()
                .map(n -> ((JsonObject) n).getString("author"))
                .toList())
        .as("comment authors are the users' names")
        .containsExactly("maintenance", "admin");
  }

  @Test
  void shouldKeepUsersToTheirSites() throws Exception {
    String viewer2 = tokens.get("viewer2");
    String maintenance2 = tokens.get("maintenance2");

    assertThat(console.get("/api/v1/devices/press-1/latest", viewer2).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/devices/pump-7/latest", viewer2).status()).isEqualTo(200);
    assertThat(console.get("/api/v1/devices/nowhere-9/latest", viewer2).status()).isEqualTo(404);
    assertThat(console.get("/api/v1/work-orders/wo-1", viewer2).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/work-orders/wo-2", viewer2).status()).isEqualTo(200);
    assertThat(console.get("/api/v1/work-orders?siteId=site-1", viewer2).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/work-orders?assetId=press-1", viewer2).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/alarms?site=site-1", viewer2).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/alarms/" + alarmOne, viewer2).status()).isEqualTo(403);
    assertThat(
            console.get("/api/v1/alarms", viewer2).json().getJsonArray("alarms").stream()
                .map(a -> ((JsonObject) a).getString("siteId"))
                .distinct()
                .toList())
        .doesNotContain("site-1");
    ConsoleHarness.Resp devices = console.get("/api/v1/devices", viewer2);
    assertThat(
            devices.json().getJsonArray("devices").stream()
                .map(d -> ((JsonObject) d).getString("deviceId"))
                .toList())
        .containsExactly("pump-7");
    stub.forget();
    ConsoleHarness.Resp foreignStart =
        console.post(
            "/api/v1/work-orders/wo-1/transitions",
            maintenance2,
            new JsonObject().put("action", "start").encode());
    assertThat(foreignStart.status()).isEqualTo(403);
    assertThat(foreignStart.json().getString("error"))
        .isEqualTo("site site-1 is not among your sites");
    assertThat(stub.seen("POST", "/api/v1/work-orders"))
        .as("the transition never reached the service")
        .isEmpty();
    assertThat(stub.workOrder("wo-1").getString("status")).isEqualTo("ASSIGNED");
  }

  @Test
  void shouldPassServiceErrorsThroughAndBoundSlowServices() throws Exception {
    String admin = tokens.get("admin");

    ConsoleHarness.Resp refused =
        console.post(
            "/api/v1/work-orders/wo-2/transitions",
            admin,
            new JsonObject().put("action", "verify").encode());
    ConsoleHarness.Resp missing = console.get("/api/v1/work-orders/wo-404", admin);
    long t0 = System.nanoTime();
    ConsoleHarness.Resp slow = console.get("/api/v1/devices/slow-1/latest", admin);
    long slowMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("error"))
        .isEqualTo("cannot verify a work order in status OPEN");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getString("error")).isEqualTo("no work order wo-404");
    assertThat(slow.status()).isEqualTo(504);
    assertThat(slow.json().getString("error")).isEqualTo("query API did not answer within 2000 ms");
    assertThat(slowMillis).as("bounded by the 2 s upstream timeout").isLessThan(10_000);
  }

  @Test
  void shouldCapRequestBodiesWith413() throws Exception {
    String big = new JsonObject().put("text", "x".repeat(70 * 1024)).encode();

    ConsoleHarness.Resp r =
        console.post("/api/v1/work-orders/wo-1/comments", tokens.get("maintenance"), big);
    ConsoleHarness.Resp login = console.post("/api/v1/login", null, big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().getString("error")).contains("65536");
    assertThat(login.status()).isEqualTo(413);
    assertThat(stub.seen("POST", "/api/v1/work-orders")).isEmpty();
  }

  @Test
  void shouldAuditStateChangingRequestsAndLoginsForAdminsOnly() throws Exception {
    String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "wrong-" + UUID.randomUUID();
    String comment = new JsonObject().put("text", "audited comment").encode();
    long before = auditTotal();
    assertThat(
            console
                .post(
                    "/api/v1/login",
                    null,
                    new JsonObject().put("username", stranger).put("password", secret).encode())
                .status())
        .isEqualTo(401);
    assertThat(
            console
                .post("/api/v1/alarms/" + alarmOne + "/acknowledge", tokens.get("viewer"), "{}")
                .status())
        .isEqualTo(403);
    assertThat(
            console
                .post("/api/v1/work-orders/wo-1/comments", tokens.get("maintenance"), comment)
                .status())
        .isEqualTo(201);
    assertThat(console.post("/api/v1/work-orders/wo-1/comments", null, comment).status())
        .isEqualTo(401);
    assertThat(console.get("/api/v1/audit", tokens.get("operator")).status()).isEqualTo(403);
    assertThat(console.get("/api/v1/audit?limit=0", tokens.get("admin")).status()).isEqualTo(400);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (auditTotal() < before + 4) {
      assertThat(System.nanoTime()).as("audit entries written in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    JsonObject page = console.get("/api/v1/audit?limit=1000", tokens.get("admin")).json();
    assertThat(page.getJsonObject("chain").getBoolean("verified")).isTrue();
    List<JsonObject> entries = new ArrayList<>();
    page.getJsonArray("entries").forEach(e -> entries.add((JsonObject) e));
    assertThat(entries)
        .anySatisfy(e -> expectEntry(e, stranger, "", "POST /api/v1/login", 401, "refused"))
        .anySatisfy(
            e ->
                expectEntry(
                    e,
                    "viewer",
                    "viewer",
                    "POST /api/v1/alarms/" + alarmOne + "/acknowledge",
                    403,
                    "refused"))
        .anySatisfy(
            e ->
                expectEntry(
                    e,
                    "maintenance",
                    "maintenance",
                    "POST /api/v1/work-orders/wo-1/comments",
                    201,
                    "allowed"))
        .anySatisfy(
            e ->
                expectEntry(
                    e, "anonymous", "", "POST /api/v1/work-orders/wo-1/comments", 401, "refused"))
        .noneMatch(e -> e.getString("action").startsWith("GET "));
    assertThat(entries.stream().filter(e -> stranger.equals(e.getString("actor"))))
        .as("one entry per login attempt")
        .hasSize(1);
    // Newest first, chained: each entry names the hash of the one before it.
    for (int i = 0; i + 1 < entries.size(); i++) {
      assertThat(entries.get(i).getLong("seq")).isEqualTo(entries.get(i + 1).getLong("seq") + 1);
      assertThat(entries.get(i).getString("previousHash"))
          .isEqualTo(entries.get(i + 1).getString("hash"));
    }
    String file = java.nio.file.Files.readString(console.auditLog());
    assertThat(file).contains(stranger).doesNotContain(secret);
  }

  private long auditTotal() throws Exception {
    return console.get("/api/v1/audit?limit=1", tokens.get("admin")).json().getLong("total");
  }

  private static void expectEntry(
      JsonObject e, String actor, String roles, String action, int status, String outcome) {
    assertThat(e.getString("actor")).isEqualTo(actor);
    assertThat(e.getString("roles")).isEqualTo(roles);
    assertThat(e.getString("action")).isEqualTo(action);
    assertThat(e.getInteger("status")).isEqualTo(status);
    assertThat(e.getString("outcome")).isEqualTo(outcome);
    assertThat(e.getString("source")).isEqualTo("127.0.0.1");
    assertThat(Instant.parse(e.getString("at"))).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void shouldGrantNoOtherOriginAndHonourNoCookie() throws Exception {
    String evil = "https://evil.example";
    String acknowledge = console.base() + "/api/v1/alarms/" + alarmOne + "/acknowledge";
    // A preflight from another origin gets no CORS grant, so a browser never sends the request.
    ConsoleHarness.Resp preflight =
        console.request(
            HttpRequest.newBuilder(URI.create(acknowledge))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", evil)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    // A read with a valid token from another origin is answered, but not shared with that page.
    ConsoleHarness.Resp read =
        console.request(
            HttpRequest.newBuilder(URI.create(console.base() + "/api/v1/session"))
                .header("Origin", evil)
                .header("Authorization", "Bearer " + tokens.get("operator")));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    // A cross-site form post can carry cookies, never the bearer header: refused before any
    // handler runs.
    ConsoleHarness.Resp forged =
        console.request(
            HttpRequest.newBuilder(URI.create(acknowledge))
                .header("Origin", evil)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "token=" + tokens.get("operator"))
                .POST(HttpRequest.BodyPublishers.ofString("note=forged")));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void shouldPutSecurityHeadersOnEveryResponse() throws Exception {
    List<ConsoleHarness.Resp> answers =
        List.of(
            console.get("/", null),
            console.get("/js/app.js", null),
            console.get("/api/v1/session", tokens.get("viewer")),
            console.get("/api/v1/session", null),
            console.get("/api/v1/nothing-here", tokens.get("viewer")),
            console.get("/no-such-file.html", null));

    assertThat(answers.stream().map(ConsoleHarness.Resp::status).toList())
        .containsExactly(200, 200, 200, 401, 404, 404);
    for (ConsoleHarness.Resp r : answers) {
      assertThat(r.header("Content-Security-Policy"))
          .contains("default-src 'self'")
          .contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
    assertThat(answers.get(2).header("Cache-Control")).isEqualTo("no-store");
    assertThat(answers.get(3).header("Cache-Control")).isEqualTo("no-store");
    assertThat(answers.get(0).text())
        .contains("/js/app.js")
        .doesNotContain("<script>")
        .doesNotContain("style=");
  }

  @Test
  void shouldRateLimitPerUserAndLoginsAndReportAServiceThatIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpSettings tight = new HttpSettings("127.0.0.1", 0, 1, 3, 64 * 1024, 6, 3, List.of());
    try (ConsoleHarness limited =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            stub.url(),
            "http://127.0.0.1:" + closedPort,
            tight,
            Duration.ofSeconds(2),
            List.of())) {
      // failed logins per user name: 3 wrong, then even the right password waits
      for (int i = 0; i < 3; i++) {
        assertThat(
                limited
                    .post(
                        "/api/v1/login",
                        null,
                        new JsonObject()
                            .put("username", "viewer")
                            .put("password", "wrong-password-" + i)
                            .encode())
                    .status())
            .isEqualTo(401);
      }
      ConsoleHarness.Resp locked =
          limited.post(
              "/api/v1/login",
              null,
              new JsonObject()
                  .put("username", "viewer")
                  .put("password", ConsoleHarness.password("viewer"))
                  .encode());
      assertThat(locked.status()).isEqualTo(429);
      assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 60);
      // attempts per address: 6 per minute, 4 used
      String admin = limited.login("admin");
      limited.login("operator");
      ConsoleHarness.Resp seventh =
          limited.post(
              "/api/v1/login",
              null,
              new JsonObject()
                  .put("username", "maintenance")
                  .put("password", ConsoleHarness.password("maintenance"))
                  .encode());
      assertThat(seventh.status()).isEqualTo(429);
      assertThat(seventh.json().getString("error")).isEqualTo("too many login attempts");

      // API requests per user: burst 3 at 1/s
      List<Integer> statuses = new ArrayList<>();
      ConsoleHarness.Resp limitedAnswer = null;
      for (int i = 0; i < 8; i++) {
        ConsoleHarness.Resp r = limited.get("/api/v1/session", admin);
        statuses.add(r.status());
        if (r.status() == 429) {
          limitedAnswer = r;
        }
      }
      assertThat(statuses.subList(0, 3)).containsOnly(200);
      assertThat(statuses).contains(429);
      assertThat(limitedAnswer.header("Retry-After")).isEqualTo("1");
      assertThat(limitedAnswer.json().getString("error")).isEqualTo("rate limit exceeded");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      ConsoleHarness.Resp down;
      while (true) {
        down = limited.get("/api/v1/work-orders/wo-1", admin);
        if (down.status() != 429 || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(down.status()).isEqualTo(502);
      assertThat(down.json().getString("error"))
          .isEqualTo("scheduling service unavailable: connection refused");
    }
  }
}
