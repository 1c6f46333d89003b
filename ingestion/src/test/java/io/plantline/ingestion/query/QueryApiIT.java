package io.plantline.ingestion.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.ingestion.store.CassandraSettings;
import io.plantline.ingestion.store.StoreWriter;
import io.plantline.ingestion.store.TelemetryFixtures;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The query API over a Cassandra history filled by the real history writer from real Kafka. */
@ExtendWith(EmbeddedServersExtension.class)
class QueryApiIT {
  private static final String KEYSPACE = "query_it";
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  private static final String RUN = "q" + UUID.randomUUID().toString().substring(0, 6);
  private static final String DEVICE = RUN + "-press";
  private static final String OTHER = RUN + "-pump";
  private static final String MIXER = RUN + "-mixer";
  private static final QueryLimits LIMITS = new QueryLimits(50, Duration.ofDays(2), 500);

  private static Vertx vertx;
  private static JwtKeys keys;
  private static String base;
  private static com.datastax.oss.driver.api.core.CqlSession session;

  @BeforeAll
  static void fillHistoryAndStartApi(KafkaServer kafka, CassandraServer cassandra)
      throws Exception {
    kafka.createTopics(2, Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS, Topics.TELEMETRY_DLQ);
    InetSocketAddress cp = cassandra.contactPoint();
    CassandraSettings settings =
        new CassandraSettings(
            List.of(InetSocketAddress.createUnresolved(cp.getHostString(), cp.getPort())),
            cassandra.localDatacenter(),
            Optional.of(cassandra.applicationCredentials().username()),
            Optional.of(cassandra.applicationCredentials().password()),
            KEYSPACE,
            1,
            Duration.ZERO);
    KafkaSettings kafkaSettings =
        KafkaSettings.saslPlain(
            kafka.bootstrapServers(),
            kafka.clientCredentials().username(),
            kafka.clientCredentials().password());
    // DEVICE: "temp" = i at T0 + 10 s * i, i = 0..59 (10 minutes); OTHER: one reading
    List<TelemetryBatch> batches = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant at = T0.plusSeconds(10L * i);
      batches.add(
          new TelemetryBatch(
              UUID.randomUUID(),
              1,
              DEVICE,
              "site-q",
              "area-q",
              3,
              i,
              at,
              List.of(
                  new BatchReading("temp", i, "Cel", i == 7 ? Quality.BAD : Quality.GOOD, at),
                  new BatchReading("speed", 1000 + i, "rpm", Quality.GOOD, at))));
    }
    batches.add(
        new TelemetryBatch(
            UUID.randomUUID(),
            1,
            OTHER,
            "site-q",
            "area-r",
            3,
            0,
            T0,
            List.of(new BatchReading("flow", 4.5, "m3/h", Quality.GOOD, T0))));
    // MIXER: a batch whose readings span a minute boundary, and two batches of one minute whose
    // sequence order is not their time order (a device clock, a replayed journal)
    batches.add(
        mixerBatch(
            0,
            reading(50, 1.0),
            new BatchReading("speed", 900, "rpm", Quality.GOOD, T0.plusSeconds(65))));
    batches.add(mixerBatch(1, reading(68, 4.0)));
    batches.add(mixerBatch(2, reading(62, 2.0)));
    batches.add(mixerBatch(3, reading(65, 3.0)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KafkaProducer<String, byte[]> producer = TelemetryFixtures.producer(kafka);
        StoreWriter history =
            StoreWriter.history(
                kafkaSettings, settings, 32, StoreWriter.Options.defaults(RUN), registry)) {
      TelemetryFixtures.send(producer, batches);
      TelemetryFixtures.sendRaw(
          producer,
          Topics.DEVICE_STATUS,
          DEVICE,
          Codecs.DEVICE_STATUS.encode(
              new DeviceStatus(
                  UUID.randomUUID(),
                  1,
                  DEVICE,
                  "site-q",
                  "area-q",
                  DeviceState.BIRTH,
                  3,
                  T0.minusSeconds(5),
                  null)));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> history.metrics().pointsWritten() >= 126 && history.metrics().lag() == 0);
    }
    session = cassandra.openSession();
    vertx = Vertx.vertx();
    keys = JwtKeys.hs256(UUID.randomUUID() + "-" + UUID.randomUUID());
    QueryApiVerticle api =
        new QueryApiVerticle(
            new QueryApiVerticle.Listen("127.0.0.1", 0),
            new HistoryReader(session, KEYSPACE),
            keys,
            LIMITS,
            OpsEndpoints.registry());
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + api.actualPort();
  }

  private static BatchReading reading(int secondsAfterT0, double value) {
    return new BatchReading("temp", value, "Cel", Quality.GOOD, T0.plusSeconds(secondsAfterT0));
  }

  private static TelemetryBatch mixerBatch(long seq, BatchReading... readings) {
    return new TelemetryBatch(
        UUID.randomUUID(),
        1,
        MIXER,
        "site-q",
        "area-q",
        3,
        seq,
        readings[readings.length - 1].sourceTime(),
        List.of(readings));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (session != null) {
      session.close();
    }
  }

  @Test
  void shouldRefuseWithoutTokenWithBadTokenAndWithoutRole() throws Exception {
    assertThat(get("/api/v1/devices", null).statusCode()).isEqualTo(401);
    JwtKeys otherKey = JwtKeys.hs256("another-secret-that-is-long-enough-0123456789");
    String forged = otherKey.issue(vertx, new JsonObject().put("roles", List.of("viewer")), 60);
    assertThat(get("/api/v1/devices", forged).statusCode()).isEqualTo(401);
    String noRole = keys.issue(vertx, new JsonObject().put("sub", "u1"), 60);
    assertThat(get("/api/v1/devices", noRole).statusCode()).isEqualTo(403);
    String wrongRole = keys.issue(vertx, new JsonObject().put("roles", List.of("maintenance")), 60);
    HttpResponse<String> refused = get("/api/v1/devices/" + DEVICE + "/latest", wrongRole);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("error")).contains("role");
    assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void shouldListDevicesPageByPage() throws Exception {
    List<String> ids = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String path = "/api/v1/devices?pageSize=1" + (token == null ? "" : "&pageToken=" + token);
      HttpResponse<String> page = get(path, viewer());
      assertThat(page.statusCode()).isEqualTo(200);
      JsonObject body = new JsonObject(page.body());
      JsonArray devices = body.getJsonArray("devices");
      assertThat(devices.size()).isLessThanOrEqualTo(1);
      devices.forEach(d -> ids.add(((JsonObject) d).getString("deviceId")));
      for (Object d : devices) {
        JsonObject device = (JsonObject) d;
        if (DEVICE.equals(device.getString("deviceId"))) {
          assertThat(device.getString("lastState")).isEqualTo("BIRTH");
          assertThat(device.getString("siteId")).isEqualTo("site-q");
          assertThat(device.getLong("bootEpoch")).isEqualTo(3);
        }
      }
      token = body.getString("nextPageToken");
      pages++;
    } while (token != null && pages < 100);
    assertThat(ids).contains(DEVICE, OTHER).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(get("/api/v1/devices?pageSize=0", viewer()).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/devices?pageToken=%25%25", viewer()).statusCode()).isEqualTo(400);
  }

  @Test
  void shouldAnswerLatestValuesAndNotFoundForUnknownDevices() throws Exception {
    HttpResponse<String> latest = get("/api/v1/devices/" + DEVICE + "/latest", operator());
    assertThat(latest.statusCode()).isEqualTo(200);
    JsonArray metrics = new JsonObject(latest.body()).getJsonArray("metrics");
    assertThat(metrics.size()).isEqualTo(2);
    for (Object m : metrics) {
      JsonObject metric = (JsonObject) m;
      double expected = metric.getString("metric").equals("temp") ? 59 : 1059;
      assertThat(metric.getDouble("value")).isEqualTo(expected);
      assertThat(metric.getString("sourceTime")).isEqualTo(T0.plusSeconds(590).toString());
    }
    assertThat(get("/api/v1/devices/" + RUN + "-nope/latest", viewer()).statusCode())
        .isEqualTo(404);
    HttpResponse<String> unknown =
        get(
            "/api/v1/devices/"
                + RUN
                + "-nope/telemetry?metric=temp&from="
                + T0
                + "&to="
                + T0.plusSeconds(600)
                + "&step=PT1M",
            viewer());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("error")).contains("unknown device");
  }

  @Test
  void shouldDownsampleIntoBucketsWithMinMaxAvgCountAndFirstTime() throws Exception {
    HttpResponse<String> response =
        get(telemetry("temp", T0.toString(), T0.plusSeconds(600).toString(), "PT1M"), viewer());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray buckets = new JsonObject(response.body()).getJsonArray("buckets");
    assertThat(buckets.size()).isEqualTo(10);
    for (int k = 0; k < 10; k++) {
      JsonObject b = buckets.getJsonObject(k);
      assertThat(b.getString("start")).isEqualTo(T0.plusSeconds(60L * k).toString());
      assertThat(b.getString("firstTime")).isEqualTo(T0.plusSeconds(60L * k).toString());
      assertThat(b.getLong("count")).isEqualTo(6);
      assertThat(b.getDouble("min")).isEqualTo(6.0 * k);
      assertThat(b.getDouble("max")).isEqualTo(6.0 * k + 5);
      assertThat(b.getDouble("avg")).isEqualTo(6.0 * k + 2.5);
    }
    // an offset window: [T0+45s, T0+165s) in 2-minute buckets holds i = 5..16
    JsonArray offset =
        new JsonObject(
                get(
                        telemetry(
                            "temp",
                            T0.plusSeconds(45).toString(),
                            T0.plusSeconds(165).toString(),
                            "PT2M"),
                        viewer())
                    .body())
            .getJsonArray("buckets");
    assertThat(offset.size()).isEqualTo(1);
    assertThat(offset.getJsonObject(0).getLong("count")).isEqualTo(12);
    assertThat(offset.getJsonObject(0).getDouble("min")).isEqualTo(5.0);
    assertThat(offset.getJsonObject(0).getDouble("max")).isEqualTo(16.0);
    assertThat(offset.getJsonObject(0).getString("firstTime"))
        .isEqualTo(T0.plusSeconds(50).toString());
  }

  @Test
  void shouldCapRawPointsAndSayWhereToContinue() throws Exception {
    JsonObject body =
        new JsonObject(
            get(telemetry("temp", T0.toString(), T0.plusSeconds(3600).toString(), null), viewer())
                .body());
    assertThat(body.getJsonArray("points").size()).isEqualTo(50);
    assertThat(body.getBoolean("truncated")).isTrue();
    assertThat(body.getString("nextFrom")).isEqualTo(T0.plusSeconds(500).toString());
    assertThat(body.getJsonArray("points").getJsonObject(7).getString("quality")).isEqualTo("BAD");
  }

  @Test
  void shouldReturnRawPointsInTimeOrderAcrossBatchesAndMinutes() throws Exception {
    JsonObject body =
        new JsonObject(
            get(
                    telemetry(
                        MIXER,
                        "temp",
                        T0.plusSeconds(55).toString(),
                        T0.plusSeconds(120).toString(),
                        null),
                    viewer())
                .body());
    JsonArray points = body.getJsonArray("points");
    List<String> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      times.add(points.getJsonObject(i).getString("time"));
      values.add(points.getJsonObject(i).getDouble("value"));
    }
    assertThat(times)
        .containsExactly(
            T0.plusSeconds(62).toString(),
            T0.plusSeconds(65).toString(),
            T0.plusSeconds(68).toString());
    assertThat(values).containsExactly(2.0, 3.0, 4.0);
    JsonArray speed =
        new JsonObject(
                get(
                        telemetry(
                            MIXER,
                            "speed",
                            T0.plusSeconds(55).toString(),
                            T0.plusSeconds(120).toString(),
                            null),
                        viewer())
                    .body())
            .getJsonArray("points");
    assertThat(speed.size()).isEqualTo(1);
    assertThat(speed.getJsonObject(0).getString("time")).isEqualTo(T0.plusSeconds(65).toString());
  }

  @Test
  void shouldExplainBadRangesAndSteps() throws Exception {
    String from = T0.toString();
    String to = T0.plusSeconds(600).toString();
    assertBad(telemetry("temp", to, from, "PT1M"), "from", "before");
    assertBad(telemetry("temp", to, to, "PT1M"), "from", "before");
    assertBad(telemetry("temp", "yesterday", to, "PT1M"), "from", "ISO-8601");
    assertBad(telemetry("temp", from, "2026-13-01T00:00:00Z", "PT1M"), "to", "ISO-8601");
    assertBad(
        telemetry("temp", from, T0.plus(Duration.ofDays(3)).toString(), "PT6H"), "to", "range");
    assertBad(telemetry("temp", from, to, "1 minute"), "step", "ISO-8601");
    assertBad(telemetry("temp", from, to, "PT0S"), "step", "positive");
    assertBad(telemetry("temp", from, to, "-PT1M"), "step", "positive");
    assertBad(telemetry("temp", from, to, "PT1S"), "step", "buckets");
    assertBad(telemetry(null, from, to, "PT1M"), "metric", "missing");
  }

  private static void assertBad(String path, String parameter, String reason) throws Exception {
    HttpResponse<String> response = get(path, viewer());
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("parameter")).as(path).isEqualTo(parameter);
    assertThat(body.getString("error")).as(path).contains(reason);
  }

  private static String telemetry(String metric, String from, String to, String step) {
    return telemetry(DEVICE, metric, from, to, step);
  }

  private static String telemetry(
      String device, String metric, String from, String to, String step) {
    StringBuilder path = new StringBuilder("/api/v1/devices/" + device + "/telemetry?");
    if (metric != null) {
      path.append("metric=").append(metric).append('&');
    }
    path.append("from=").append(enc(from)).append("&to=").append(enc(to));
    if (step != null) {
      path.append("&step=").append(enc(step));
    }
    return path.toString();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String viewer() {
    return keys.issue(vertx, new JsonObject().put("sub", "v").put("roles", List.of("viewer")), 60);
  }

  private static String operator() {
    return keys.issue(
        vertx, new JsonObject().put("sub", "o").put("roles", List.of("operator")), 60);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return LoopbackHttp.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
