package io.plantline.ingestion.storebench;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.ingestion.store.CassandraSettings;
import io.plantline.ingestion.store.StoreMetrics;
import io.plantline.ingestion.store.StoreWriter;
import io.plantline.ingestion.store.TimeSeriesTarget;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.bench.ProcessCpu;
import io.plantline.testkit.cassandra.CassandraOptions;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Both store writers against real Kafka (forked), QuestDB (in this JVM) and Cassandra (forked) on
 * this machine. A producer thread sends {@code --devices} devices × {@code --readings} readings per
 * batch at {@code --rate} points/s for {@code --seconds} (after a 5 s warm-up); the writers run
 * with their default flush settings. Prints every 5 s the produced and written points/s and the
 * lag, then the sustained points/s into each store, write latency p50/p99, heap, and CPU of this
 * JVM (writers + QuestDB + producer), Kafka and Cassandra. When the written rate stays below the
 * produced rate and the lag grows, the writer is saturated at the written rate. Stops by itself and
 * deletes the servers' data.
 */
public final class StoreWritersBench {
  private StoreWritersBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs arguments = new BenchArgs(args);
    int seconds = arguments.integer("--seconds", 30);
    int devices = arguments.integer("--devices", 200);
    int readings = arguments.integer("--readings", 10);
    int rate = arguments.integer("--rate", 60_000);
    int inFlight = arguments.integer("--in-flight", 64);
    String stores = arguments.text("--stores", "both");
    boolean toQuestDb = !stores.equals("cassandra");
    boolean toCassandra = !stores.equals("questdb");
    int warmup = 5;
    System.out.printf(
        "starting Kafka, QuestDB, Cassandra (devices %d, %d readings/batch, target %d points/s,"
            + " %d s + %d s warm-up, writing to %s, Cassandra in-flight %d)%n",
        devices, readings, rate, seconds, warmup, stores, inFlight);
    try (KafkaServer kafka = KafkaServer.start();
        QuestDbServer questdb = QuestDbServer.start();
        CassandraServer cassandra =
            CassandraServer.start(
                new CassandraOptions(
                    Credentials.generate("plantline"),
                    arguments.text("--cassandra-heap", "1g"),
                    Duration.ofSeconds(180)))) {
      int authCacheMillis = arguments.integer("--cassandra-auth-cache-ms", 2000);
      if (authCacheMillis > 0) {
        System.out.printf(
            "Cassandra auth caches enabled (%d ms) on %d caches%n",
            authCacheMillis, CassandraAuthCaches.enable(cassandra.pid(), authCacheMillis));
      } else {
        System.out.println("Cassandra auth caches as the testkit sets them (disabled)");
      }
      kafka.createTopics(4, Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS, Topics.TELEMETRY_DLQ);
      KafkaSettings kafkaSettings =
          KafkaSettings.saslPlain(
              kafka.bootstrapServers(),
              kafka.clientCredentials().username(),
              kafka.clientCredentials().password());
      InetSocketAddress cp = cassandra.contactPoint();
      CassandraSettings cassandraSettings =
          new CassandraSettings(
              List.of(InetSocketAddress.createUnresolved(cp.getHostString(), cp.getPort())),
              cassandra.localDatacenter(),
              Optional.of(cassandra.applicationCredentials().username()),
              Optional.of(cassandra.applicationCredentials().password()),
              "bench_history",
              1,
              Duration.ofDays(1));
      TimeSeriesTarget target =
          TimeSeriesTarget.questDb(
              questdb.httpUrl(),
              questdb.httpCredentials().username(),
              questdb.httpCredentials().password());
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      StoreWriter.Options defaults = StoreWriter.Options.defaults("bench");
      StoreWriter.Options options =
          new StoreWriter.Options(
              "bench",
              arguments.integer("--flush-points", defaults.flushPoints()),
              defaults.flushInterval(),
              defaults.backoff(),
              arguments.integer("--max-poll-records", defaults.maxPollRecords()),
              arguments.integer("--consumers", 1));
      long backlog = arguments.integer("--backlog", 0);
      if (backlog > 0) {
        drain(
            kafka,
            kafkaSettings,
            cassandraSettings,
            target,
            inFlight,
            options,
            stores,
            devices,
            readings,
            backlog,
            cassandra.pid(),
            kafka.pid());
        return;
      }
      AtomicBoolean producing = new AtomicBoolean(true);
      AtomicLong produced = new AtomicLong();
      Thread producer =
          new Thread(
              () -> produce(kafka, devices, readings, rate, producing, produced), "bench-producer");
      StoreWriter history =
          toCassandra
              ? StoreWriter.history(kafkaSettings, cassandraSettings, inFlight, options, registry)
              : null;
      StoreWriter timeSeries =
          toQuestDb ? StoreWriter.timeSeries(kafkaSettings, target, options, registry) : null;
      try {
        producer.start();
        Thread.sleep(warmup * 1000L);
        Map<String, Long> threads0 = threadCpu();
        long cpu0 = ownCpuNanos();
        long kafkaCpu0 = ProcessCpu.ticks(kafka.pid());
        long cassandraCpu0 = ProcessCpu.ticks(cassandra.pid());
        long p0 = produced.get();
        double q0 = ts(timeSeries).pointsWritten();
        double c0 = ts(history).pointsWritten();
        long t0 = System.nanoTime();
        System.out.println(
            "  t(s)  produced/s  questdb/s  cassandra/s  lag-questdb  lag-cassandra (records)");
        long lastP = p0;
        double lastQ = q0;
        double lastC = c0;
        for (int t = 5; t <= seconds; t += 5) {
          Thread.sleep(5_000);
          long p = produced.get();
          double q = ts(timeSeries).pointsWritten();
          double c = ts(history).pointsWritten();
          System.out.printf(
              "  %4d  %10.0f  %9.0f  %11.0f  %11d  %13d%n",
              t,
              (p - lastP) / 5.0,
              (q - lastQ) / 5.0,
              (c - lastC) / 5.0,
              ts(timeSeries).lag(),
              ts(history).lag());
          lastP = p;
          lastQ = q;
          lastC = c;
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        producing.set(false);
        producer.join(10_000);
        double cpu = (ownCpuNanos() - cpu0) / 1e9 / elapsed;
        double kafkaCpu = ProcessCpu.cores(kafkaCpu0, ProcessCpu.ticks(kafka.pid()), elapsed);
        double cassandraCpu =
            ProcessCpu.cores(cassandraCpu0, ProcessCpu.ticks(cassandra.pid()), elapsed);
        Map<String, Long> threads1 = threadCpu();
        System.out.printf("measured                          %.1f s%n", elapsed);
        System.out.printf(
            "produced (points/s)               %.0f%n", (produced.get() - p0) / elapsed);
        System.out.printf(
            "written to QuestDB (points/s)     %.0f%n",
            (ts(timeSeries).pointsWritten() - q0) / elapsed);
        System.out.printf(
            "written to Cassandra (points/s)   %.0f%n",
            (ts(history).pointsWritten() - c0) / elapsed);
        System.out.printf(
            "QuestDB write p50/p99 (ms)        %s%n",
            percentiles(ts(timeSeries).writeLatency().takeSnapshot()));
        System.out.printf(
            "Cassandra write p50/p99 (ms)      %s%n",
            percentiles(ts(history).writeLatency().takeSnapshot()));
        System.out.printf(
            "lag at end QuestDB/Cassandra      %d / %d records (batches of %d points)%n",
            ts(timeSeries).lag(), ts(history).lag(), readings);
        System.out.printf(
            "retries QuestDB/Cassandra         %.0f / %.0f%n",
            ts(timeSeries).retries(), ts(history).retries());
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
            "heap used / max (MiB)             %d / %d (this JVM, QuestDB embedded)%n",
            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        System.out.printf(
            "CPU cores (of %d): this JVM %.2f, Kafka %.2f, Cassandra %.2f%n",
            rt.availableProcessors(), cpu, kafkaCpu, cassandraCpu);
        System.out.println(
            "CPU cores by thread role in this JVM:" + byRole(threads0, threads1, elapsed));
      } finally {
        producing.set(false);
        producer.join(10_000);
        if (timeSeries != null) {
          timeSeries.close();
        }
        if (history != null) {
          history.close();
        }
      }
    }
  }

  /**
   * The stores alone: {@code backlog} points are produced first with no writer running, then the
   * writers start and drain them; the figure is the drain rate of each store, with the producer
   * idle, so only Kafka's fetches, the writers and the stores share the cores.
   */
  private static void drain(
      KafkaServer kafka,
      KafkaSettings kafkaSettings,
      CassandraSettings cassandraSettings,
      TimeSeriesTarget target,
      int inFlight,
      StoreWriter.Options options,
      String stores,
      int devices,
      int readings,
      long backlog,
      long cassandraPid,
      long kafkaPid)
      throws Exception {
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicLong produced = new AtomicLong();
    long preloadStart = System.nanoTime();
    Thread producer =
        new Thread(
            () -> produce(kafka, devices, readings, 2_000_000, producing, produced),
            "bench-producer");
    producer.start();
    while (produced.get() < backlog) {
      Thread.sleep(50);
    }
    producing.set(false);
    producer.join(30_000);
    long total = produced.get();
    System.out.printf(
        "backlog of %d points (%d records) produced in %.1f s; draining into %s%n",
        total, total / readings, (System.nanoTime() - preloadStart) / 1e9, stores);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Map<String, Long> threads0 = threadCpu();
    long cpu0 = ownCpuNanos();
    long kafkaCpu0 = ProcessCpu.ticks(kafkaPid);
    long cassandraCpu0 = ProcessCpu.ticks(cassandraPid);
    long t0 = System.nanoTime();
    List<StoreWriter> writers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Double> drainedAfter = new TreeMap<>();
    try {
      if (!stores.equals("cassandra")) {
        writers.add(StoreWriter.timeSeries(kafkaSettings, target, options, registry));
        names.add("questdb");
      }
      if (!stores.equals("questdb")) {
        writers.add(
            StoreWriter.history(kafkaSettings, cassandraSettings, inFlight, options, registry));
        names.add("cassandra");
      }
      System.out.println("  t(s)  " + String.join("  ", names) + "  (points written/s)");
      double[] last = new double[writers.size()];
      long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
      for (int tick = 1; drainedAfter.size() < writers.size(); tick++) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("backlog not drained within 10 minutes");
        }
        Thread.sleep(1_000);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        StringBuilder line = new StringBuilder(String.format("  %4d", tick));
        for (int i = 0; i < writers.size(); i++) {
          StoreMetrics m = writers.get(i).metrics();
          double written = m.pointsWritten();
          line.append(String.format("  %9.0f", written - last[i]));
          last[i] = written;
          if (written >= total) {
            drainedAfter.putIfAbsent(names.get(i), elapsed);
          }
        }
        if (tick % 5 == 0) {
          System.out.println(line);
        }
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      for (int i = 0; i < writers.size(); i++) {
        String name = names.get(i);
        double seconds = drainedAfter.get(name);
        System.out.printf(
            "%-10s drained %d points in %.1f s: %.0f points/s, write p50/p99 (ms) %s%n",
            name,
            total,
            seconds,
            total / seconds,
            percentiles(writers.get(i).metrics().writeLatency().takeSnapshot()));
      }
      System.out.printf(
          "CPU cores (of %d) while draining: this JVM %.2f, Kafka %.2f, Cassandra %.2f%n",
          Runtime.getRuntime().availableProcessors(),
          (ownCpuNanos() - cpu0) / 1e9 / elapsed,
          ProcessCpu.cores(kafkaCpu0, ProcessCpu.ticks(kafkaPid), elapsed),
          ProcessCpu.cores(cassandraCpu0, ProcessCpu.ticks(cassandraPid), elapsed));
      System.out.println(
          "CPU cores by thread role in this JVM:" + byRole(threads0, threadCpu(), elapsed));
    } finally {
      for (StoreWriter writer : writers) {
        writer.close();
      }
    }
  }

  private static void produce(
      KafkaServer kafka,
      int devices,
      int readings,
      int rate,
      AtomicBoolean producing,
      AtomicLong produced) {
    var props = new java.util.HashMap<>(kafka.clientProperties());
    props.put("acks", "1");
    props.put("linger.ms", 10);
    props.put("batch.size", 256 * 1024);
    props.put("compression.type", "lz4");
    List<String> metrics = new ArrayList<>();
    for (int m = 0; m < readings; m++) {
      metrics.add("bench_metric_" + m);
    }
    long[] seq = new long[devices];
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    double batchesPerMilli = rate / (double) readings / 1000.0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long sent = 0;
      int device = 0;
      while (producing.get()) {
        long due = (long) ((System.nanoTime() - start) / 1e6 * batchesPerMilli);
        while (sent < due && producing.get()) {
          String id = String.format("bench-%04d", device);
          long s = seq[device]++;
          Instant at = base.plusMillis(s * 10 + device % 10);
          List<BatchReading> values = new ArrayList<>(readings);
          for (int m = 0; m < readings; m++) {
            values.add(
                new BatchReading(metrics.get(m), device + m + s * 0.01, "1", Quality.GOOD, at));
          }
          TelemetryBatch batch =
              new TelemetryBatch(UUID.randomUUID(), 1, id, "site-b", "area-b", 1, s, at, values);
          producer.send(
              new ProducerRecord<>(Topics.TELEMETRY_RAW, id, Codecs.TELEMETRY_BATCH.encode(batch)),
              (md, e) -> {
                if (e == null) {
                  produced.addAndGet(readings);
                }
              });
          sent++;
          device = (device + 1) % devices;
        }
        TimeUnit.MILLISECONDS.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String percentiles(HistogramSnapshot snapshot) {
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    for (ValueAtPercentile v : snapshot.percentileValues()) {
      if (v.percentile() == 0.5) {
        p50 = v.value(TimeUnit.MILLISECONDS);
      } else if (v.percentile() == 0.99) {
        p99 = v.value(TimeUnit.MILLISECONDS);
      }
    }
    return String.format("%.1f / %.1f (flushes: %d)", p50, p99, snapshot.count());
  }

  /** CPU time of each live thread of this JVM, by thread id, with its role as the key prefix. */
  private static Map<String, Long> threadCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> threads = new TreeMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = mx.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        threads.put(group(info.getThreadName()) + "#" + info.getThreadId(), nanos);
      }
    }
    return threads;
  }

  /** CPU cores per role between two {@link #threadCpu()} snapshots. */
  private static String byRole(Map<String, Long> before, Map<String, Long> after, double seconds) {
    Map<String, Long> roles = new TreeMap<>();
    after.forEach(
        (thread, nanos) ->
            roles.merge(
                thread.substring(0, thread.indexOf('#')),
                nanos - before.getOrDefault(thread, 0L),
                Long::sum));
    StringBuilder out = new StringBuilder();
    roles.forEach(
        (role, nanos) -> out.append(String.format(" %s %.2f", role, nanos / 1e9 / seconds)));
    return out.toString();
  }

  private static String group(String name) {
    if (name.startsWith("store-writer-")) {
      return name.substring(0, name.lastIndexOf('-'));
    }
    if (name.startsWith("bench-producer") || name.contains("producer-network-thread")) {
      return "bench-producer";
    }
    if (name.toLowerCase(java.util.Locale.ROOT).contains("questdb")) {
      return "questdb";
    }
    if (name.startsWith("s0-") || name.startsWith("s1-")) {
      return "cassandra-driver";
    }
    if (name.startsWith("OkHttp")) {
      return "okhttp";
    }
    if (name.startsWith("kafka-") || name.contains("heartbeat")) {
      return "kafka-consumers";
    }
    return "other";
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static final StoreMetrics NONE = new StoreMetrics(new SimpleMeterRegistry(), "none");

  private static StoreMetrics ts(StoreWriter writer) {
    return writer == null ? NONE : writer.metrics();
  }
}
