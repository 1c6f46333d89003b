package io.plantline.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console in front of the quality service ({@code --quality-url}): {@code /api/v1/quality/**}
 * passes with a token minted for the user (audience plantline-quality; viewer, or quality-engineer
 * for an administrator), characteristics are scoped to the sites of their devices, and a
 * re-baseline needs the REBASELINE_CHARTS permission. The service is the verifying stub (it refuses
 * tokens not signed with the shared secret); a second console without a quality service answers
 * 503.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleQualityIT {
  private static final String SERVICE_SECRET = "quality-proxy-it-shared-secret-0123456789abcdef";
  private static final String BASE = "/api/v1/quality/characteristics";

  private KafkaServer kafka;
  private StubServices stub;
  private ConsoleHarness console;
  private String admin;
  private String viewer;

  @BeforeAll
  void start(KafkaServer kafka) throws Exception {
    this.kafka = kafka;
    Kafka.topics(kafka);
    stub = new StubServices(SERVICE_SECRET);
    stub.device("press-3", "site-1", "area-1", "BIRTH");
    stub.device("pump-7", "site-2", "area-9", "BIRTH");
    console =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            stub.url(),
            stub.url(),
            stub.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of());
    admin = console.login("admin");
    viewer = console.login("viewer");
  }

  @BeforeEach
  void forget() {
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
  void shouldForwardTheChartWithLimitsAndViolationsUnderATokenMintedForTheUser() throws Exception {
    ConsoleHarness.Resp r =
        console.get(BASE + "/bore-diameter/chart?from=2026-03-01T00:00:00Z", viewer);

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonArray points = r.json().getJsonArray("points");
    assertThat(points).hasSize(3);
    assertThat(points.getJsonObject(2).getDouble("ucl")).isEqualTo(25.0054);
    assertThat(
            points.getJsonObject(2).getJsonArray("violations").getJsonObject(0).getString("rule"))
        .isEqualTo("WE1");
    List<StubServices.Seen> chartCalls = stub.seen("GET", BASE + "/bore-diameter/chart");
    assertThat(chartCalls).hasSize(1);
    assertThat(chartCalls.get(0).query()).isEqualTo("from=2026-03-01T00:00:00Z");
    JsonObject claims = chartCalls.get(0).claims();
    assertThat(claims.getString("sub")).isEqualTo("viewer");
    assertThat(claims.getJsonArray("roles")).containsExactly("viewer");
    assertThat(claims.getValue("aud").toString()).contains("plantline-quality");
  }

  @Test
  void shouldListOnlyTheCharacteristicsOfTheUsersSites() throws Exception {
    ConsoleHarness.Resp mine = console.get(BASE, viewer);
    ConsoleHarness.Resp all = console.get(BASE, admin);

    assertThat(ids(mine)).containsExactly("bore-diameter");
    assertThat(ids(all)).containsExactly("bore-diameter", "fill-weight");
  }

  @Test
  void shouldRefuseACharacteristicOfAnotherSiteBeforeItsDataIsRead() throws Exception {
    ConsoleHarness.Resp r = console.get(BASE + "/fill-weight/chart", viewer);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).contains("site-2");
    assertThat(stub.seen("GET", BASE + "/fill-weight/chart")).isEmpty();
  }

  @Test
  void shouldLetOnlyAnAdministratorRebaselineAsQualityEngineer() throws Exception {
    String body = new JsonObject().put("reason", "gauge recalibrated").encode();

    ConsoleHarness.Resp refused = console.post(BASE + "/bore-diameter/rebaseline", viewer, body);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(stub.seen("POST", BASE)).isEmpty();

    ConsoleHarness.Resp accepted = console.post(BASE + "/bore-diameter/rebaseline", admin, body);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    assertThat(accepted.json().getString("actor")).isEqualTo("admin");
    List<StubServices.Seen> posts = stub.seen("POST", BASE + "/bore-diameter/rebaseline");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).body()).contains("gauge recalibrated");
    assertThat(posts.get(0).claims().getJsonArray("roles")).containsExactly("quality-engineer");
  }

  @Test
  void shouldRelayTheServicesNotFoundAndRefuseAnonymousCalls() throws Exception {
    ConsoleHarness.Resp unknown = console.get(BASE + "/no-such/chart", viewer);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(console.get(BASE, null).status()).isEqualTo(401);
  }

  @Test
  void shouldAnswer503WithoutAQualityService() throws Exception {
    try (ConsoleHarness without =
        new ConsoleHarness(
            kafka,
            SERVICE_SECRET,
            stub.url(),
            stub.url(),
            ConsoleHarness.defaults(),
            Duration.ofSeconds(5),
            List.of())) {
      ConsoleHarness.Resp r = without.get(BASE, without.login("admin"));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.text()).contains("--quality-url");
    }
  }

  private static List<String> ids(ConsoleHarness.Resp r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("characteristics").stream()
        .map(o -> ((JsonObject) o).getString("id"))
        .toList();
  }
}
