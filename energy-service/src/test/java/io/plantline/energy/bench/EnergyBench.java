package io.plantline.energy.bench;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.energy.adapter.in.http.EnergyApiVerticle;
import io.plantline.energy.app.EnergyConfig;
import io.plantline.energy.app.EnergyService;
import io.plantline.energy.domain.BillingGrid;
import io.plantline.energy.domain.CounterConsumption;
import io.plantline.energy.domain.CounterSpec;
import io.plantline.energy.domain.DemandLimiter;
import io.plantline.energy.domain.EnergyLedger;
import io.plantline.energy.domain.InMemoryEnergyStore;
import io.plantline.energy.domain.Intervals;
import io.plantline.energy.domain.MeterReading;
import io.plantline.energy.domain.MeterSeries;
import io.plantline.energy.domain.Sample;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.energy.domain.Tariff;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./plantline energy bench [--meters 20] [--readings 100000] [--service-readings 100000]}:
 * prints readings per second (1) through the pure computation (counter consumption and intervals of
 * a day of 1 s samples), (2) through the ledger on an in-memory store (the read-model logic without
 * I/O), and (3) through the running service on the testkit's Kafka and Cassandra, from the first
 * batch sent to the last sample recorded in Cassandra. Samples are 10 s apart per meter.
 */
public final class EnergyBench {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final BillingGrid GRID =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
  private static final CounterSpec SPEC = new CounterSpec(0, Duration.ofMinutes(5), 1000, 0.01);

  private EnergyBench() {}

  public static void main(String[] args) throws Exception {
    int meters = intArg(args, "--meters", 20);
    int readings = intArg(args, "--readings", 100_000);
    int serviceReadings = intArg(args, "--service-readings", 100_000);
    List<MeterSeries> series = new ArrayList<>();
    for (int m = 0; m < meters; m++) {
      series.add(new MeterSeries("meter-" + m, "energy_kwh", "active_power_kw", SPEC));
    }
    SiteEnergy site =
        new SiteEnergy(
            "site-1",
            GRID,
            new Tariff("EUR", List.of(), 0.2, 10),
            new DemandLimiter(GRID, 1e6, Duration.ofMinutes(2), Duration.ofMinutes(3)),
            "meter-0",
            series,
            List.of());
    computation();
    ledger(site, series, readings);
    service(site, series, serviceReadings);
  }

  private static void computation() {
    List<Sample> day = new ArrayList<>();
    double kwh = 0;
    for (int s = 0; s < 86_400; s++) {
      day.add(new Sample(T0.plusSeconds(s), kwh));
      kwh += (100 + 50 * Math.sin(s / 600.0)) / 3600;
    }
    int rounds = 20;
    long started = System.nanoTime();
    int intervals = 0;
    for (int r = 0; r < rounds; r++) {
      intervals += Intervals.of(CounterConsumption.of(day, SPEC), GRID).size();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    print(
        "computation",
        rounds * day.size(),
        seconds,
        "(" + intervals / rounds + " intervals a day)");
  }

  private static void ledger(SiteEnergy site, List<MeterSeries> series, int readings) {
    EnergyLedger ledger = new EnergyLedger(new InMemoryEnergyStore());
    int perBatch = 500; // a poll of the service: max.poll.records
    long started = System.nanoTime();
    for (int first = 0; first < readings; first += perBatch) {
      Map<MeterSeries, List<MeterReading>> bySeries = new LinkedHashMap<>();
      for (int i = first; i < Math.min(readings, first + perBatch); i++) {
        MeterSeries meter = series.get(i % series.size());
        int step = i / series.size();
        bySeries
            .computeIfAbsent(meter, m -> new ArrayList<>())
            .add(
                new MeterReading(
                    new Sample(T0.plusSeconds(10L * step), step * 0.3), OptionalDouble.of(108)));
      }
      bySeries.forEach(
          (meter, batch) ->
              ledger.record(site, meter, batch).written().toCompletableFuture().join());
    }
    print(
        "ledger (in-memory store)",
        readings,
        (System.nanoTime() - started) / 1e9,
        "(batches of " + perBatch + " readings split by meter)");
  }

  private static void service(SiteEnergy site, List<MeterSeries> series, int readings)
      throws Exception {
    System.out.println("starting Kafka and Cassandra (testkit)...");
    try (KafkaServer kafka = KafkaServer.start();
        CassandraServer cassandra = CassandraServer.start()) {
      kafka.createTopics(4, Topics.TELEMETRY_RAW, Topics.ALARMS, Topics.ENERGY_EVENTS);
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
                  "energy_bench",
                  1),
              new EnergyApiVerticle.Listen("127.0.0.1", 0),
              ApiTokens.hs256(UUID.randomUUID() + "-" + UUID.randomUUID()),
              List.of(site),
              "energy-bench",
              16);
      try (EnergyService service = EnergyService.start(config);
          KafkaProducer<String, byte[]> producer =
              new KafkaProducer<>(
                  kafka.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
        long started = System.nanoTime();
        for (int i = 0; i < readings; i++) {
          MeterSeries meter = series.get(i % series.size());
          int step = i / series.size();
          Instant t = T0.plusSeconds(10L * step);
          TelemetryBatch batch =
              new TelemetryBatch(
                  UUID.randomUUID(),
                  1,
                  meter.deviceId(),
                  "site-1",
                  "area-1",
                  1,
                  step,
                  t,
                  List.of(
                      new BatchReading("energy_kwh", step * 0.3, "kWh", Quality.GOOD, t),
                      new BatchReading("active_power_kw", 108, "kW", Quality.GOOD, t)));
          producer.send(
              new ProducerRecord<>(
                  Topics.TELEMETRY_RAW, meter.deviceId(), Codecs.TELEMETRY_BATCH.encode(batch)));
        }
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (service.samplesRecorded() < readings && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        print(
            "service (Kafka -> ledger -> Cassandra)",
            (int) service.samplesRecorded(),
            seconds,
            "of " + readings + " sent, " + series.size() + " meters, 16 lanes");
      }
    }
  }

  private static void print(String what, int readings, double seconds, String note) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "%-40s %,10d readings in %7.2f s: %,10.0f readings/s %s",
            what,
            readings,
            seconds,
            readings / seconds,
            note));
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
