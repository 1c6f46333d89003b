package io.plantline.quality.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.codec.EventCodec;
import io.plantline.contracts.quality.QualityEvent;
import io.plantline.contracts.quality.QualityEventKind;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.quality.adapter.in.http.QualityApiVerticle;
import io.plantline.quality.app.CharacteristicsFile;
import io.plantline.quality.app.QualityService;
import io.plantline.quality.scenario.GaugeProcess;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quality service end to end on real Kafka, Cassandra and QuestDB: the bore gauge of
 * plant-small (25.000 mm, σ 0.004 mm, a part every 20 s) feeds an X̄-R chart (n = 5, WE1) and an
 * X̄-S chart (n = 5, WE1) through {@code telemetry.raw.v1} as telemetry batches, one part per
 * batch.
 *
 * <p>The scenario, fed once before the tests: 25 baseline subgroups (Phase I), 20 stable subgroups
 * in Phase II with a BAD reading of 99 mm every seventh batch, then the scenario's {@code shift} of
 * +0.006 mm (1.5 σ of a part, 3.35 σ of X̄ for n = 5) for 10 subgroups, then {@code reset-fault}
 * for 12 subgroups. Expected: in the stable stretch about 20 × (1/370.4 + 0.0046) = 0.15 false
 * signals of WE1 and of the R chart, so none with this seed; after the shift WE1 fires at each
 * subgroup with probability P(Z &gt; 3 − 3.35) = 0.64 (ARL 1.6), so within 8 subgroups (missed with
 * probability 0.36^8 = 3·10^-4); its alarm clears 8 quiet subgroups after the reset.
 */
@ExtendWith(EmbeddedServersExtension.class)
class QualityServiceIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String KEYSPACE = "quality_it";
  private static final String GROUP = "quality-it";
  private static final String DEVICE = "bore-gauge";
  private static final String METRIC = "measured_dimension_mm";
  private static final long BOOT_EPOCH = 1_795_586_282L;
  private static final int N = 5;
  private static final int BASELINE = 25;
  private static final int STABLE = 20;
  private static final int SHIFTED = 10;
  private static final int RESTORED = 12;
  private static final double BAD_VALUE = 99.0;
  private static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
  private static final String CHARACTERISTICS =
      """
      characteristics:
        - id: bore-diameter
          deviceId: bore-gauge
          metric: measured_dimension_mm
          chart: XBAR_R
          subgroup: {size: 5}
          spec: {lsl: 24.985, usl: 25.015, target: 25.000}
          rules: [WE1]
          baselineSubgroups: 25
        - id: bore-diameter-s
          deviceId: bore-gauge
          metric: measured_dimension_mm
          chart: XBAR_S
          subgroup: {size: 5}
          spec: {lsl: 24.985, usl: 25.015, target: 25.000}
          rules: [WE1]
          baselineSubgroups: 25
      """;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static KafkaServer kafka;
  private static QuestDbServer questDb;
  private static CqlSession cql;
  private static KafkaProducer<String, byte[]> producer;
  private static QualityService service;
  private static Vertx vertx;
  private static ApiTokens tokens;
  private static final List<TelemetryBatch> sent = new ArrayList<>();
  private static long seq;
  private static Instant shiftStart;
  private static Instant shiftEnd;
  private static Instant stableEnd;

  @BeforeAll
  static void start(KafkaServer k, CassandraServer cassandra, QuestDbServer q) throws Exception {
    kafka = k;
    questDb = q;
    kafka.createTopics(
        2, Topics.TELEMETRY_RAW, Topics.QUALITY_EVENTS, Topics.ALARMS, Topics.WORK_ORDER_COMMANDS);
    cql = cassandra.openSession();
    producer = producer();
    vertx = Vertx.vertx();
    tokens = ApiTokens.hs256(UUID.randomUUID() + "-" + UUID.randomUUID());
    service =
        new QualityService(
            new KafkaSettings(
                kafka.bootstrapServers(),
                Optional.of(kafka.clientCredentials().username()),
                Optional.of(kafka.clientCredentials().password())),
            new CassandraSettings(
                List.of(cassandra.contactPoint()),
                cassandra.localDatacenter(),
                Optional.of(cassandra.applicationCredentials().username()),
                Optional.of(cassandra.applicationCredentials().password()),
                KEYSPACE,
                1),
            CharacteristicsFile.parse(CHARACTERISTICS),
            questDb.httpUrl(),
            Optional.of(QuestDbServer.basicAuthorization(questDb.httpCredentials())),
            new QualityApiVerticle.Listen("127.0.0.1", 0),
            tokens,
            GROUP,
            AlarmSeverity.HIGH);
    feedScenario();
    awaitConsumed();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {service, producer, cql}) {
      if (c != null) {
        c.close();
      }
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The scenario, one part per telemetry batch; BAD readings interleaved while stable. */
  private static void feedScenario() {
    GaugeProcess gauge = GaugeProcess.boreGauge(500);
    Instant[] clock = {T0};
    for (int i = 0; i < (BASELINE + STABLE) * N; i++) {
      part(gauge.next(), Quality.GOOD, clock);
      if (i >= BASELINE * N && i % 7 == 0) {
        part(BAD_VALUE, Quality.BAD, clock);
      }
    }
    stableEnd = clock[0];
    gauge.shift(0.006);
    shiftStart = clock[0];
    for (int i = 0; i < SHIFTED * N; i++) {
      part(gauge.next(), Quality.GOOD, clock);
    }
    shiftEnd = clock[0];
    gauge.restore();
    for (int i = 0; i < RESTORED * N; i++) {
      part(gauge.next(), Quality.GOOD, clock);
    }
    producer.flush();
  }

  private static void part(double value, Quality quality, Instant[] clock) {
    Instant at = clock[0];
    TelemetryBatch batch =
        new TelemetryBatch(
            UUID.randomUUID(),
            1,
            DEVICE,
            "plant-a",
            "quality",
            BOOT_EPOCH,
            ++seq,
            at,
            List.of(
                new BatchReading(METRIC, value, "mm", quality, at),
                new BatchReading("part_count", seq, "1", Quality.GOOD, at)));
    sent.add(batch);
    send(batch);
    clock[0] = at.plusSeconds(20);
  }

  @Test
  void shouldPlotEveryGoodSubgroupWithLimitsAndRaiseNothingWhileStable() throws Exception {
    JsonObject chart = get("/characteristics/bore-diameter/chart" + range(T0, stableEnd), reader());

    JsonArray points = chart.getJsonArray("points");
    assertThat(points).hasSize(BASELINE + STABLE);
    List<JsonObject> phaseTwo = objects(points).subList(BASELINE, BASELINE + STABLE);
    assertThat(phaseTwo)
        .allSatisfy(
            p -> {
              assertThat(p.getDouble("ucl")).isGreaterThan(p.getDouble("cl"));
              assertThat(p.getDouble("lcl")).isLessThan(p.getDouble("cl"));
              assertThat(p.getDouble("cl"))
                  .isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.002));
              assertThat(p.getJsonArray("violations")).isEmpty();
            });
    assertThat(objects(points).subList(0, BASELINE))
        .allSatisfy(p -> assertThat(p.getValue("ucl")).isNull());
  }

  @Test
  void shouldIgnoreReadingsOfQualityBad() throws Exception {
    JsonArray points =
        get("/characteristics/bore-diameter/chart" + range(T0, shiftStart), reader())
            .getJsonArray("points");
    long badSent = sent.stream().filter(b -> b.readings().get(0).quality() == Quality.BAD).count();

    assertThat(badSent).isGreaterThan(10);
    assertThat(points).hasSize(BASELINE + STABLE); // 5 good readings each, BAD ones not counted
    for (JsonObject p : objects(points)) {
      assertThat(p.getDouble("value")).isBetween(24.99, 25.01);
    }
  }

  @Test
  void shouldFireWe1WithinEightSubgroupsOfTheShiftAndClearItAfterTheReset() throws Exception {
    JsonArray points =
        get(
                "/characteristics/bore-diameter/chart"
                    + range(shiftStart, T0.plus(Duration.ofHours(3))),
                reader())
            .getJsonArray("points");
    List<JsonObject> all = objects(points);
    assertThat(all).hasSize(SHIFTED + RESTORED);
    int first = -1;
    for (int i = 0; i < all.size() && first < 0; i++) {
      if (!all.get(i).getJsonArray("violations").isEmpty()) {
        first = i;
      }
    }
    assertThat(first).as("subgroups after the shift until the first signal").isBetween(0, 7);
    JsonObject violation = all.get(first).getJsonArray("violations").getJsonObject(0);
    assertThat(violation.getString("rule")).isEqualTo("WE1");
    assertThat(all.get(first).getDouble("value")).isGreaterThan(all.get(first).getDouble("ucl"));

    List<QualityEvent> events =
        readAll(Topics.QUALITY_EVENTS, Codecs.QUALITY_EVENT, e -> hasCleared(e, "bore-diameter"));
    List<QualityEvent> mine =
        events.stream()
            .filter(e -> e.characteristicId().equals("bore-diameter") && e.ruleId().equals("WE1"))
            .toList();
    assertThat(mine)
        .extracting(QualityEvent::kind)
        .containsExactly(QualityEventKind.VIOLATION_RAISED, QualityEventKind.VIOLATION_CLEARED);
    assertThat(mine.get(0).ruleId()).isEqualTo("WE1");
    assertThat(mine.get(0).subgroup()).isEqualTo(all.get(first).getLong("subgroup"));
    assertThat(mine.get(0).figures()).containsKeys("value", "cl", "ucl", "lcl");
    assertThat(mine.get(1).alarmId()).isEqualTo(mine.get(0).alarmId());
    assertThat(mine.get(1).occurredAt()).isAfterOrEqualTo(shiftEnd);
  }

  @Test
  void shouldRaiseAndClearTheAlarmOnAlarmsV1AndOpenAWorkOrderWithEvidence() {
    QualityEvent raised =
        readAll(Topics.QUALITY_EVENTS, Codecs.QUALITY_EVENT, e -> hasCleared(e, "bore-diameter"))
            .stream()
            .filter(e -> e.characteristicId().equals("bore-diameter") && e.ruleId().equals("WE1"))
            .findFirst()
            .orElseThrow();

    List<AlarmEvent> alarms =
        readAll(Topics.ALARMS, Codecs.ALARM_EVENT, a -> count(a, raised.alarmId()) >= 2).stream()
            .filter(a -> a.alarmId().equals(raised.alarmId()))
            .toList();
    assertThat(alarms)
        .extracting(AlarmEvent::state)
        .containsExactly(AlarmState.RAISED, AlarmState.CLEARED);
    AlarmEvent alarm = alarms.get(0);
    assertThat(alarm.deviceId()).isEqualTo(DEVICE);
    assertThat(alarm.ruleId()).isEqualTo("spc.WE1");
    assertThat(alarm.severity()).isEqualTo(AlarmSeverity.HIGH);
    assertThat(alarm.evidence().get("value")).isGreaterThan(alarm.evidence().get("ucl"));

    List<OpenWorkOrder> orders =
        readAll(
                Topics.WORK_ORDER_COMMANDS,
                Codecs.WORK_ORDER_COMMAND,
                c ->
                    c.stream()
                        .anyMatch(
                            o ->
                                o instanceof OpenWorkOrder w
                                    && raised.alarmId().equals(w.alarmId())))
            .stream()
            .filter(c -> c instanceof OpenWorkOrder)
            .map(OpenWorkOrder.class::cast)
            .filter(o -> raised.alarmId().equals(o.alarmId()))
            .toList();
    assertThat(orders).hasSize(1);
    OpenWorkOrder order = orders.get(0);
    assertThat(order.assetId()).isEqualTo(DEVICE);
    assertThat(order.siteId()).isEqualTo("plant-a");
    assertThat(order.priority()).isEqualTo(WorkOrderPriority.HIGH);
    assertThat(order.ruleId()).isEqualTo("spc.WE1");
    assertThat(order.evidence()).isEqualTo(alarm.evidence());
    assertThat(order.reason()).contains("bore-diameter", "ucl=");
  }

  @Test
  void shouldLeaveTheReadModelUnchangedWhenBatchesAreRedelivered() throws Exception {
    List<String> before = readModel();
    long handledBefore = service.batchesHandled();

    List<TelemetryBatch> redelivered = sent.subList(sent.size() - 40, sent.size());
    redelivered.forEach(QualityServiceIT::send);
    sent.subList(BASELINE * N, BASELINE * N + 10).forEach(QualityServiceIT::send);
    producer.flush();
    awaitConsumed();

    assertThat(service.batchesHandled()).isGreaterThanOrEqualTo(handledBefore + 50);
    assertThat(readModel()).isEqualTo(before);
  }

  @Test
  void shouldAnswerCapabilityAndLimitVersions() throws Exception {
    JsonObject capability =
        get("/characteristics/bore-diameter/capability" + range(T0, stableEnd), reader());
    // the values of the Phase II points in the range (BAD readings were never plotted)
    assertThat(capability.getInteger("n")).isEqualTo(STABLE * N);
    double cp = capability.getJsonObject("cp").getDouble("value");
    // spec width 0.030 mm over 6 σ = 0.024 mm: Cp about 1.25
    assertThat(cp).isBetween(1.0, 1.6);
    assertThat(capability.getJsonObject("cp").getDouble("lower")).isLessThan(cp);

    JsonArray versions =
        get("/characteristics/bore-diameter/limits", reader()).getJsonArray("versions");
    assertThat(versions).hasSize(1);
    assertThat(versions.getJsonObject(0).getString("actor")).isEqualTo("system");
    assertThat(versions.getJsonObject(0).getDouble("center"))
        .isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.002));
  }

  @Test
  void shouldRebaselineFromTheTimeSeriesStoreWithoutBadReadingsAndAuditIt() throws Exception {
    writeToQuestDb(sent.stream().filter(b -> !b.gatewayTime().isAfter(stableEnd)).toList());
    questDb.awaitTable(METRIC);

    HttpResponse<String> response =
        post(
            "/characteristics/bore-diameter-s/rebaseline",
            new JsonObject()
                .put("reason", "gauge recalibrated")
                .put("from", T0.toString())
                .put("to", stableEnd.toString()),
            engineer());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonObject version = new JsonObject(response.body());
    assertThat(version.getString("phase")).isEqualTo("II");
    assertThat(version.getInteger("version")).isEqualTo(2);
    // 45 subgroups of good readings; the BAD ones would have made 48
    assertThat(
            version.getInteger("subgroupsUsed") + version.getJsonArray("excludedSubgroups").size())
        .isEqualTo(BASELINE + STABLE);
    assertThat(version.getDouble("center"))
        .isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.002));
    JsonArray versions =
        get("/characteristics/bore-diameter-s/limits", reader()).getJsonArray("versions");
    assertThat(versions)
        .extracting(v -> ((JsonObject) v).getInteger("version"))
        .containsExactly(2, 1);
    assertThat(versions.getJsonObject(0).getString("actor")).isEqualTo("quality-lead");
    assertThat(versions.getJsonObject(0).getString("reason")).isEqualTo("gauge recalibrated");
    JsonObject characteristic = get("/characteristics/bore-diameter-s", reader());
    assertThat(characteristic.getInteger("limitVersion")).isEqualTo(2);
  }

  @Test
  void shouldServeReadinessAndMetricsWithoutAToken() throws Exception {
    String ops = "http://127.0.0.1:" + service.apiPort();
    HttpResponse<String> ready =
        call(HttpRequest.newBuilder(URI.create(ops + "/health/ready")).build());
    HttpResponse<String> metrics =
        call(HttpRequest.newBuilder(URI.create(ops + "/metrics")).build());

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("plantline_quality_batches_handled_total")
        .contains("plantline_quality_subgroups_plotted_total");
  }

  @Test
  void shouldRefuseBadRequestsWithTheRightStatusAndField() throws Exception {
    assertThat(call(HttpRequest.newBuilder(uri("/characteristics")).GET().build()).statusCode())
        .isEqualTo(401);
    HttpResponse<String> forbidden =
        post(
            "/characteristics/bore-diameter/rebaseline",
            new JsonObject().put("reason", "try"),
            reader());
    assertThat(forbidden.statusCode()).isEqualTo(403);
    HttpResponse<String> unknown =
        call(request("/characteristics/no-such", reader()).GET().build());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no-such");
    assertField(
        call(
            request("/characteristics/bore-diameter/chart?from=yesterday", reader()).GET().build()),
        "from");
    assertField(
        call(
            request("/characteristics/bore-diameter/capability?confidence=2", reader())
                .GET()
                .build()),
        "confidence");
    assertField(
        post(
            "/characteristics/bore-diameter/rebaseline",
            new JsonObject().put("from", T0.toString()),
            engineer()),
        "reason");
    assertField(
        post(
            "/characteristics/bore-diameter/rebaseline",
            new JsonObject()
                .put("reason", "r")
                .put("from", stableEnd.toString())
                .put("to", T0.toString()),
            engineer()),
        "from");
  }

  private static void assertField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("field")).isEqualTo(field);
  }

  // --- Kafka ---

  private static boolean hasCleared(List<QualityEvent> events, String characteristic) {
    return events.stream()
        .anyMatch(
            e ->
                e.characteristicId().equals(characteristic)
                    && e.ruleId().equals("WE1")
                    && e.kind() == QualityEventKind.VIOLATION_CLEARED);
  }

  private static long count(List<AlarmEvent> alarms, String alarmId) {
    return alarms.stream().filter(a -> a.alarmId().equals(alarmId)).count();
  }

  private static void send(TelemetryBatch batch) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.TELEMETRY_RAW, batch.deviceId(), Codecs.TELEMETRY_BATCH.encode(batch)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send telemetry", e);
    }
  }

  /** Waits until the service's consumer group has committed every telemetry record. */
  private static void awaitConsumed() {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      IntStream.range(0, 2)
          .forEach(
              p -> latest.put(new TopicPartition(Topics.TELEMETRY_RAW, p), OffsetSpec.latest()));
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream()
                    .allMatch(
                        e -> {
                          OffsetAndMetadata c = committed.get(e.getKey());
                          long end = e.getValue().offset();
                          return end == 0 || (c != null && c.offset() >= end);
                        });
              });
    }
  }

  /** Every record of {@code topic} from the beginning, polled until {@code enough} holds. */
  private static <T> List<T> readAll(String topic, EventCodec<T> codec, Predicate<List<T>> enough) {
    List<T> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (!enough.test(seen) && System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(codec.decode(r.value()));
        }
      }
      // whatever else is already there (a duplicate would show up in the assertions)
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        seen.add(codec.decode(r.value()));
      }
    }
    return seen;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  // --- Cassandra ---

  /** Every row of the three tables, as text, in a stable order. */
  private static List<String> readModel() {
    List<String> rows = new ArrayList<>();
    for (String table : List.of("chart_points", "chart_state", "limit_versions")) {
      for (Row row : cql.execute("SELECT * FROM " + KEYSPACE + "." + table)) {
        rows.add(table + " " + row.getFormattedContents());
      }
    }
    rows.sort(String::compareTo);
    return rows;
  }

  // --- QuestDB ---

  /** Writes batches as the ingestion writers do: InfluxDB line protocol, one table per metric. */
  private static void writeToQuestDb(List<TelemetryBatch> batches) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (TelemetryBatch b : batches) {
      BatchReading r = b.readings().get(0);
      long nanos = r.sourceTime().getEpochSecond() * 1_000_000_000L + r.sourceTime().getNano();
      lines
          .append(METRIC)
          .append(",area=quality,deviceId=")
          .append(b.deviceId())
          .append(",quality=")
          .append(r.quality().name())
          .append(",site=plant-a value=")
          .append(r.value())
          .append(' ')
          .append(nanos)
          .append('\n');
    }
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(questDb.httpUrl() + "/api/v2/write"))
                .header(
                    "Authorization", QuestDbServer.basicAuthorization(questDb.httpCredentials()))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
  }

  // --- HTTP ---

  private static String reader() {
    return token("viewer-1", "viewer");
  }

  private static String engineer() {
    return token("quality-lead", "quality-engineer");
  }

  private static String token(String subject, String role) {
    return tokens.issue(
        vertx, new JsonObject().put("sub", subject).put("roles", new JsonArray().add(role)), 600);
  }

  private static String range(Instant from, Instant to) {
    return "?from=" + from + "&to=" + to;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.apiPort() + "/api/v1/quality" + path);
  }

  private static HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  private static JsonObject get(String path, String token) throws Exception {
    HttpResponse<String> response = call(request(path, token).GET().build());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static HttpResponse<String> post(String path, JsonObject body, String token)
      throws Exception {
    return call(
        request(path, token)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8))
            .build());
  }

  private static HttpResponse<String> call(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> result = new ArrayList<>();
    array.forEach(o -> result.add((JsonObject) o));
    return result;
  }
}
