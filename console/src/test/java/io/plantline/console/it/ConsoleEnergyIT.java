package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's energy proxy ({@code --energy-url}): a real console (testkit Kafka) in front of an
 * HTTP service that checks tokens as the energy service does (HS256 with the shared secret, a
 * {@code roles} claim with one of its read roles) and records what it was asked. The console
 * forwards {@code /api/v1/energy/**} under a token minted for the user (viewer; energy-manager for
 * an administrator; audience plantline-energy), checks the site in the path before forwarding,
 * filters the site list to the user's sites, relays the service's answers (400 naming the field),
 * and answers 503 without an energy service.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleEnergyIT {
  private static final String SERVICE_SECRET = "energy-proxy-it-shared-secret-0123456789abcdef";
  private static final String SITE_1 = "/api/v1/energy/sites/site-1";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private KafkaServer kafka;
  private EnergyServiceStub energy;
  private ConsoleHarness console;
  private String admin;
  private String viewer;

  @BeforeAll
  void start(KafkaServer kafka) throws Exception {
    this.kafka = kafka;
    Kafka.topics(kafka);
    energy = new EnergyServiceStub(SERVICE_SECRET);
    console =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            energy.url(),
            energy.url(),
            null,
            energy.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of());
    admin = console.login("admin");
    viewer = console.login("viewer");
  }

  @BeforeEach
  void forget() {
    energy.seen.clear();
  }

  @AfterAll
  void stop() throws Exception {
    if (console != null) {
      console.close();
    }
    if (energy != null) {
      energy.close();
    }
  }

  @Test
  void shouldForwardTheLoadProfileUnderATokenMintedForTheUser() throws Exception {
    ConsoleHarness.Resp r =
        console.get(SITE_1 + "/meters/press-line-meter/load-profile?day=2026-03-02", viewer);

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().getDouble("targetPeakKw")).isEqualTo(150.0);
    assertThat(r.json().getJsonArray("intervals")).hasSize(2);
    assertThat(energy.seen).hasSize(1);
    Seen seen = energy.seen.get(0);
    assertThat(seen.path()).isEqualTo(SITE_1 + "/meters/press-line-meter/load-profile");
    assertThat(seen.query()).isEqualTo("day=2026-03-02");
    assertThat(seen.claims().getString("sub")).isEqualTo("viewer");
    assertThat(seen.claims().getJsonArray("roles")).containsExactly("viewer");
    assertThat(seen.claims().getString("aud")).isEqualTo("plantline-energy");
  }

  @Test
  void shouldForwardAnAdministratorAsEnergyManager() throws Exception {
    ConsoleHarness.Resp r =
        console.get(SITE_1 + "/meters/press-line-meter/bill?period=2026-03", admin);

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().getDouble("total")).isEqualTo(1234.5);
    assertThat(energy.seen.get(0).claims().getJsonArray("roles")).containsExactly("energy-manager");
  }

  @Test
  void shouldRefuseAnotherSiteBeforeAskingTheService() throws Exception {
    ConsoleHarness.Resp r =
        console.get("/api/v1/energy/sites/site-2/meters/m-2/load-profile?day=2026-03-02", viewer);

    assertThat(r.status()).isEqualTo(403);
    assertThat(energy.seen).isEmpty();
  }

  @Test
  void shouldListOnlyTheSitesOfTheUser() throws Exception {
    ConsoleHarness.Resp mine = console.get("/api/v1/energy/sites", viewer);
    ConsoleHarness.Resp all = console.get("/api/v1/energy/sites", admin);

    assertThat(siteIds(mine)).containsExactly("site-1");
    assertThat(siteIds(all)).containsExactly("site-1", "site-2");
  }

  @Test
  void shouldRelayTheServicesBadRequestAndRefuseAnonymousCalls() throws Exception {
    ConsoleHarness.Resp bad =
        console.get(SITE_1 + "/meters/press-line-meter/load-profile?day=yesterday", viewer);

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("field")).isEqualTo("day");
    assertThat(console.get(SITE_1, null).status()).isEqualTo(401);
  }

  @Test
  void shouldAnswer503WithoutAnEnergyService() throws Exception {
    try (ConsoleHarness without =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            energy.url(),
            energy.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of())) {
      ConsoleHarness.Resp r = without.get("/api/v1/energy/sites", without.login("admin"));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.text()).contains("--energy-url");
    }
  }

  @Test
  void shouldDrawTheLoadProfileWithTheTargetLineTheCostsAndTheEnpiTrend() throws Exception {
    Path browserBinary = Chromium.binary().orElse(null);
    assumeTrue(browserBinary != null, "chromium is not installed (apt-get install -y chromium)");
    Path target = Path.of("target");
    Files.createDirectories(target);
    String password = new JsonArray().add(ConsoleHarness.password("viewer")).encode();
    try (Chromium chromium =
        new Chromium(browserBinary, target.resolve("chromium-console-energy-it.log"))) {
      Chromium.Page page = chromium.newPage(1400, 900);
      page.navigate(console.base() + "/");
      page.await("login form", "document.querySelector('[data-testid=login-form]')", WAIT);
      page.eval(
          "(() => { const set = (id, v) => { const e = document.querySelector(`[data-testid=${id}]`);"
              + " e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); };"
              + " set('login-username', 'viewer'); set('login-password', "
              + password
              + "[0]); document.querySelector('[data-testid=login-submit]').click(); })()");
      page.await("logged in", "!document.querySelector('[data-testid=topbar]').hidden", WAIT);
      page.eval("document.querySelector('[data-testid=nav-energy]').click()");
      page.await(
          "demand bars",
          "document.querySelectorAll('[data-testid=demand-chart] rect').length === 2",
          WAIT);
      assertThat(page.eval("document.querySelectorAll('[data-testid=demand-bar-over]').length"))
          .as("the 166.7 kW interval is above the 150 kW target")
          .isEqualTo(1);
      assertThat(page.eval("!!document.querySelector('[data-testid=target-line]')"))
          .isEqualTo(true);
      page.await(
          "cost breakdown",
          "document.querySelectorAll('[data-testid=energy-cost-rate]').length === 2",
          WAIT);
      assertThat(
              page.eval("document.querySelector('[data-testid=energy-cost-demand]').textContent"))
          .isEqualTo("200");
      page.await(
          "EnPI trend",
          "document.querySelectorAll('[data-testid=enpi-chart] [data-testid=trend-point]').length"
              + " === 2",
          WAIT);
      page.screenshot(target.resolve("console-energy.png"));
      List<JsonObject> thrown =
          chromium.events().stream()
              .filter(e -> e.getString("method").equals("Runtime.exceptionThrown"))
              .toList();
      assertThat(thrown).as("no script errors in the page").isEmpty();
      assertThat(energy.seen)
          .extracting(Seen::path)
          .contains(
              SITE_1 + "/meters/press-line-meter/load-profile",
              SITE_1 + "/meters/press-line-meter/bill",
              SITE_1 + "/machines/spindle-001/enpi");
    }
  }

  private static List<String> siteIds(ConsoleHarness.Resp r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("sites").stream()
        .map(o -> ((JsonObject) o).getString("siteId"))
        .toList();
  }

  /** A request the service accepted, with the verified token's claims. */
  record Seen(String path, String query, JsonObject claims) {}

  /**
   * The energy service's read API as far as the console needs it: tokens verified like the energy
   * service does (HS256, shared secret; 401 without, 403 without a read role), sites site-1 and
   * site-2, a load profile (400 naming {@code day} when it is not a day), a bill.
   */
  static final class EnergyServiceStub implements AutoCloseable {
    private static final Set<String> READ_ROLES =
        Set.of("viewer", "operator", "technician", "planner", "energy-manager");

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    EnergyServiceStub(String secret) throws Exception {
      JWTAuth auth =
          JWTAuth.create(
              vertx,
              new JWTAuthOptions()
                  .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
      Router router = Router.router(vertx);
      router.route("/api/*").handler(JWTAuthHandler.create(auth));
      router.route("/api/*").handler(this::requireReadRole);
      router
          .get("/api/v1/energy/sites")
          .handler(
              ctx ->
                  json(
                      ctx,
                      200,
                      new JsonObject()
                          .put("sites", new JsonArray().add(site("site-1")).add(site("site-2")))));
      router
          .get("/api/v1/energy/sites/:site/meters/:meter/load-profile")
          .handler(this::loadProfile);
      router
          .get("/api/v1/energy/sites/:site/meters/:meter/bill")
          .handler(
              ctx ->
                  json(
                      ctx,
                      200,
                      new JsonObject()
                          .put("period", ctx.request().getParam("period"))
                          .put("currency", "EUR")
                          .put("energyKwh", 5120.0)
                          .put("energyCost", 1034.5)
                          .put(
                              "energyCostByRate",
                              new JsonObject().put("peak", 880.0).put("default", 154.5))
                          .put("demandCharge", 200.0)
                          .put("total", 1234.5)));
      router
          .get("/api/v1/energy/sites/:site/machines/:machine/enpi")
          .handler(
              ctx ->
                  json(
                      ctx,
                      200,
                      new JsonObject()
                          .put("machine", ctx.pathParam("machine"))
                          .put(
                              "days",
                              new JsonArray()
                                  .add(enpiDay(ctx.request().getParam("from"), 2.4))
                                  .add(enpiDay(ctx.request().getParam("to"), 2.1)))));
      server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    private void requireReadRole(RoutingContext ctx) {
      JsonObject claims = ctx.user().principal();
      JsonArray roles = claims.getJsonArray("roles", new JsonArray());
      if (roles.stream().noneMatch(READ_ROLES::contains)) {
        json(ctx, 403, new JsonObject().put("error", "no read role"));
        return;
      }
      seen.add(new Seen(ctx.request().path(), ctx.request().query(), claims));
      ctx.next();
    }

    private static JsonObject site(String id) {
      return new JsonObject()
          .put("siteId", id)
          .put("timeZone", "Europe/Berlin")
          .put("intervalMinutes", 15)
          .put("targetPeakKw", 150.0)
          .put("billingMeter", "press-line-meter")
          .put("meters", new JsonArray().add("press-line-meter"))
          .put(
              "machines",
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put("id", "spindle-001")
                          .put("line", "machining")
                          .put("meter", "press-line-meter")))
          .put(
              "tariff",
              new JsonObject()
                  .put("currency", "EUR")
                  .put("defaultPricePerKwh", 0.18)
                  .put("demandChargePerKw", 12.5)
                  .put("rates", new JsonArray()));
    }

    private static JsonObject enpiDay(String day, double kwhPerUnit) {
      return new JsonObject()
          .put("day", day)
          .put("energyKwh", 480.0)
          .put("units", 480.0 / kwhPerUnit)
          .put("specificEnergyKwhPerUnit", kwhPerUnit)
          .put("idleEnergyKwh", 12.0)
          .put("baseLoadKw", 8.0);
    }

    private void loadProfile(RoutingContext ctx) {
      String day = ctx.request().getParam("day");
      if (day == null || !day.matches("\\d{4}-\\d{2}-\\d{2}")) {
        json(
            ctx,
            400,
            new JsonObject()
                .put("error", "must be a day yyyy-MM-dd, was '" + day + "'")
                .put("field", "day"));
        return;
      }
      json(
          ctx,
          200,
          new JsonObject()
              .put("meter", ctx.pathParam("meter"))
              .put("day", day)
              .put("targetPeakKw", 150.0)
              .put(
                  "intervals",
                  new JsonArray()
                      .add(interval(day + "T09:00:00Z", 120.0))
                      .add(interval(day + "T09:15:00Z", 166.7)))
              .put("gaps", new JsonArray()));
    }

    private static JsonObject interval(String start, double kw) {
      return new JsonObject()
          .put("start", start)
          .put("demandKw", kw)
          .put("energyKwh", kw / 4)
          .put("complete", true);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
      ctx.response()
          .setStatusCode(status)
          .putHeader("content-type", "application/json")
          .end(body.encode());
    }

    @Override
    public void close() throws Exception {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
