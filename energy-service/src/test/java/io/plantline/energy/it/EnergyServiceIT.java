package io.plantline.energy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.energy.EnergyEvent;
import io.plantline.contracts.energy.EnergyEventKind;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.energy.adapter.in.http.EnergyApiVerticle;
import io.plantline.energy.app.EnergyConfig;
import io.plantline.energy.app.EnergyConfigFile;
import io.plantline.energy.app.EnergyService;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy service against the testkit's real Kafka and Cassandra: a simulated quarter hour on
 * the billing meter of {@code config/plant-small-energy.yaml} (target 150 kW) where the load steps
 * from 100 to 200 kW at minute 5. The demand alert must reach {@code alarms.v1} and {@code
 * energy.events.v1} stamped before the interval ends, with the forecast above the target; the
 * interval in Cassandra must hold the counter difference; a replay of every batch must change
 * nothing; the REST API serves the load profile.
 */
@ExtendWith(EmbeddedServersExtension.class)
class EnergyServiceIT {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z"); // 10:00 in Berlin
  private static final String METER = "press-line-meter";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String ENPI_METER = "enpi-line-meter";
  private static final String ENPI_MACHINE = "enpi-spindle";

  @Test
  void shouldAlertBeforeTheIntervalEndsAboveTheTargetAndKeepAnIdempotentReadModel(
      KafkaServer kafka, CassandraServer cassandra) throws Exception {
    kafka.createTopics(2, Topics.TELEMETRY_RAW, Topics.ALARMS, Topics.ENERGY_EVENTS);
    String secret = "energy-it-" + UUID.randomUUID() + UUID.randomUUID();
    EnergyConfig config =
        new EnergyConfig(
            new KafkaSettings(
                kafka.bootstrapServers(),
                Optional.of(kafka.clientCredentials().username()),
                Optional.of(kafka.clientCredentials().password())),
            new CassandraSettings(
                List.of(cassandra.contactPoint()),
                cassandra.localDatacenter(),
                Optional.of(cassandra.applicationCredentials().username()),
                Optional.of(cassandra.applicationCredentials().password()),
                "energy_it",
                1),
            new EnergyApiVerticle.Listen("127.0.0.1", 0),
            ApiTokens.hs256(secret),
            EnergyConfigFile.read(Path.of("config/plant-small-energy.yaml")),
            "energy-it-" + UUID.randomUUID(),
            4);
    List<TelemetryBatch> batches = quarterHour();
    Vertx vertx = Vertx.vertx();
    try (EnergyService service = EnergyService.start(config);
        KafkaProducer<String, byte[]> producer = producer(kafka);
        KafkaConsumer<String, byte[]> alarms = consumer(kafka, Topics.ALARMS);
        KafkaConsumer<String, byte[]> events = consumer(kafka, Topics.ENERGY_EVENTS)) {
      for (TelemetryBatch b : batches) {
        producer.send(
            new ProducerRecord<>(
                Topics.TELEMETRY_RAW, b.deviceId(), Codecs.TELEMETRY_BATCH.encode(b)));
      }
      producer.flush();

      List<AlarmEvent> raised = new ArrayList<>();
      List<EnergyEvent> forecasts = new ArrayList<>();
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                poll(alarms).forEach(r -> raised.add(Codecs.ALARM_EVENT.decode(r.value())));
                poll(events).forEach(r -> forecasts.add(Codecs.ENERGY_EVENT.decode(r.value())));
                return raised.stream().anyMatch(a -> a.state() == AlarmState.CLEARED)
                    && !forecasts.isEmpty();
              });
      AlarmEvent alert =
          raised.stream().filter(a -> a.state() == AlarmState.RAISED).findFirst().orElseThrow();
      Instant intervalEnd = START.plus(Duration.ofMinutes(15));
      assertThat(alert.deviceId()).isEqualTo(METER);
      assertThat(alert.occurredAt()).isBefore(intervalEnd.minus(Duration.ofMinutes(3)));
      assertThat(alert.evidence().get("predicted.kw")).isGreaterThan(150);
      assertThat(alert.evidence().get("target.kw")).isEqualTo(150);
      EnergyEvent forecast = forecasts.get(0);
      assertThat(forecast.kind()).isEqualTo(EnergyEventKind.PEAK_DEMAND_FORECAST);
      assertThat(forecast.intervalEnd()).isEqualTo(intervalEnd);
      assertThat(forecast.occurredAt()).isBefore(intervalEnd);

      // the interval's energy is the counter difference over it: 5 min at 100 kW + 10 at 200 kW
      String token =
          ApiTokens.hs256(secret)
              .issue(
                  vertx,
                  new JsonObject().put("sub", "em-1").put("roles", new JsonArray().add("viewer")),
                  300);
      String base = "http://127.0.0.1:" + service.apiPort() + "/api/v1/energy/sites/site-1";
      JsonObject first = awaitFirstInterval(base, token, 41.667);
      assertThat(first.getString("start")).isEqualTo(START.toString());
      assertThat(first.getDouble("demandKw"))
          .isCloseTo(166.67, org.assertj.core.api.Assertions.within(0.01));
      assertThat(first.getString("rate")).isEqualTo("peak");

      // a replay of everything changes nothing
      long before = service.samplesRecorded();
      for (TelemetryBatch b : batches) {
        producer.send(
            new ProducerRecord<>(
                Topics.TELEMETRY_RAW, b.deviceId(), Codecs.TELEMETRY_BATCH.encode(b)));
      }
      producer.flush();
      await().atMost(DEADLINE).until(() -> service.samplesRecorded() >= before + batches.size());
      assertThat(awaitFirstInterval(base, token, 41.667)).isEqualTo(first);

      HttpResponse<String> bad =
          get(base + "/meters/" + METER + "/load-profile?day=yesterday", token);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("day");
      assertThat(get(base + "/meters/" + METER + "/load-profile?day=2026-03-02", null).statusCode())
          .isEqualTo(401);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /**
   * The last hour of 10 March and ten minutes of the 11th (local): spindle-001 makes a part every
   * 10 s, press-line-meter draws 120 kW. When the meter enters the 11th, the machine's EnPIs of
   * March through the 10th are stored: 120 kWh, 360 units; the same as the EnPIs computed on
   * request from the intervals; a replay leaves the row as it was.
   */
  @Test
  void shouldStoreTheMachinesEnpiOfThePeriodWhenADayClosesAndKeepItOnReplay(
      KafkaServer kafka, CassandraServer cassandra, @TempDir Path dir) throws Exception {
    // the site file with devices of their own, so telemetry of other tests on the topic is ignored
    Path sites =
        Files.writeString(
            dir.resolve("enpi-energy.yaml"),
            Files.readString(Path.of("config/plant-small-energy.yaml"))
                .replace(METER, ENPI_METER)
                .replace("spindle-001", ENPI_MACHINE));
    kafka.createTopics(2, Topics.TELEMETRY_RAW, Topics.ALARMS, Topics.ENERGY_EVENTS);
    String secret = "energy-it-" + UUID.randomUUID() + UUID.randomUUID();
    EnergyConfig config =
        new EnergyConfig(
            new KafkaSettings(
                kafka.bootstrapServers(),
                Optional.of(kafka.clientCredentials().username()),
                Optional.of(kafka.clientCredentials().password())),
            new CassandraSettings(
                List.of(cassandra.contactPoint()),
                cassandra.localDatacenter(),
                Optional.of(cassandra.applicationCredentials().username()),
                Optional.of(cassandra.applicationCredentials().password()),
                "energy_it_enpi",
                1),
            new EnergyApiVerticle.Listen("127.0.0.1", 0),
            ApiTokens.hs256(secret),
            EnergyConfigFile.read(sites),
            "energy-it-enpi-" + UUID.randomUUID(),
            4);
    Instant start = Instant.parse("2026-03-10T22:00:00Z"); // 23:00 in Berlin
    List<TelemetryBatch> parts = new ArrayList<>();
    List<TelemetryBatch> meter = new ArrayList<>();
    for (int s = 0; s <= 70 * 60; s += 10) {
      Instant t = start.plusSeconds(s);
      parts.add(batch(ENPI_MACHINE, s / 10, t, "part_count", 1000 + s / 10.0, "pcs"));
      meter.add(batch(ENPI_METER, s / 10, t, "energy_kwh", 20_000 + 120.0 * s / 3600, "kWh"));
    }
    Vertx vertx = Vertx.vertx();
    try (EnergyService service = EnergyService.start(config);
        KafkaProducer<String, byte[]> producer = producer(kafka)) {
      send(producer, parts);
      await().atMost(DEADLINE).until(() -> service.samplesRecorded() >= parts.size());
      send(producer, meter);
      long all = parts.size() + meter.size();
      await().atMost(DEADLINE).until(() -> service.samplesRecorded() >= all);

      String token =
          ApiTokens.hs256(secret)
              .issue(
                  vertx,
                  new JsonObject().put("sub", "em-1").put("roles", new JsonArray().add("viewer")),
                  300);
      String enpi = "http://127.0.0.1:" + service.apiPort() + "/api/v1/energy/sites/site-1";
      enpi += "/machines/" + ENPI_MACHINE + "/enpi";
      JsonObject march = awaitEnpi(enpi + "?period=2026-03", token);
      assertThat(march.getString("through")).isEqualTo("2026-03-10");
      assertThat(march.getBoolean("closed")).isFalse();
      assertThat(march.getDouble("energyKwh")).isCloseTo(120, within(1e-6));
      assertThat(march.getDouble("units")).isCloseTo(360, within(1e-6));
      assertThat(march.getDouble("specificEnergyKwhPerUnit")).isCloseTo(1 / 3.0, within(1e-9));

      HttpResponse<String> daily = get(enpi + "?from=2026-03-10&to=2026-03-10", token);
      assertThat(daily.statusCode()).isEqualTo(200);
      JsonObject day = new JsonObject(daily.body()).getJsonArray("days").getJsonObject(0);
      assertThat(day.getDouble("energyKwh")).isCloseTo(march.getDouble("energyKwh"), within(1e-9));
      assertThat(day.getDouble("units")).isCloseTo(march.getDouble("units"), within(1e-9));
      assertThat(day.getDouble("baseLoadKw"))
          .isCloseTo(march.getDouble("baseLoadKw"), within(1e-9));

      long before = service.samplesRecorded();
      send(producer, parts);
      send(producer, meter);
      await().atMost(DEADLINE).until(() -> service.samplesRecorded() >= before + all);
      assertThat(awaitEnpi(enpi + "?period=2026-03", token)).isEqualTo(march);
      assertThat(get(enpi + "?period=2026-04", token).statusCode()).isEqualTo(404);
      HttpResponse<String> bad = get(enpi + "?period=March", token);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("period");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static JsonObject awaitEnpi(String url, String token) {
    JsonObject[] found = new JsonObject[1];
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              HttpResponse<String> r = get(url, token);
              if (r.statusCode() != 200) {
                return false;
              }
              found[0] = new JsonObject(r.body());
              return true;
            });
    return found[0];
  }

  private static TelemetryBatch batch(
      String device, long seq, Instant t, String metric, double value, String unit) {
    return new TelemetryBatch(
        UUID.nameUUIDFromBytes((device + "-" + seq).getBytes()),
        TelemetryBatch.SCHEMA_VERSION,
        device,
        "site-1",
        "machining",
        7,
        seq,
        t,
        List.of(new BatchReading(metric, value, unit, Quality.GOOD, t)));
  }

  private static void send(KafkaProducer<String, byte[]> producer, List<TelemetryBatch> batches) {
    for (TelemetryBatch b : batches) {
      producer.send(
          new ProducerRecord<>(
              Topics.TELEMETRY_RAW, b.deviceId(), Codecs.TELEMETRY_BATCH.encode(b)));
    }
    producer.flush();
  }

  /**
   * The meter every 10 s from 10:00 to 10:20 local: 100 kW, 200 kW from 10:05, 50 kW from 10:15.
   */
  private static List<TelemetryBatch> quarterHour() {
    List<TelemetryBatch> batches = new ArrayList<>();
    double kwh = 12_345;
    for (int s = 0; s <= 20 * 60; s += 10) {
      double kw = s < 300 ? 100 : s < 900 ? 200 : 50;
      Instant t = START.plusSeconds(s);
      batches.add(
          new TelemetryBatch(
              UUID.nameUUIDFromBytes(("it-" + s).getBytes()),
              TelemetryBatch.SCHEMA_VERSION,
              METER,
              "site-1",
              "machining",
              1,
              s / 10,
              t,
              List.of(
                  new BatchReading("energy_kwh", kwh, "kWh", Quality.GOOD, t),
                  new BatchReading("active_power_kw", kw, "kW", Quality.GOOD, t))));
      kwh += kw * 10 / 3600; // kw holds until the next sample
    }
    return batches;
  }

  private static JsonObject awaitFirstInterval(String base, String token, double kwh) {
    JsonObject[] found = new JsonObject[1];
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              HttpResponse<String> r =
                  get(base + "/meters/" + METER + "/load-profile?day=2026-03-02", token);
              if (r.statusCode() != 200) {
                return false;
              }
              JsonArray intervals = new JsonObject(r.body()).getJsonArray("intervals");
              for (int i = 0; i < intervals.size(); i++) {
                JsonObject interval = intervals.getJsonObject(i);
                if (interval.getString("start").equals(START.toString())
                    && Math.abs(interval.getDouble("energyKwh") - kwh) < 0.01) {
                  found[0] = interval;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return records;
  }

  private static KafkaProducer<String, byte[]> producer(KafkaServer kafka) {
    return new KafkaProducer<>(
        kafka.clientProperties(), new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(KafkaServer kafka, String topic) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("group.id", "energy-it-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
