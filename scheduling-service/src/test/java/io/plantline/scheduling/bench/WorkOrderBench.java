package io.plantline.scheduling.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.scheduling.adapter.out.cassandra.CassandraEventStore;
import io.plantline.scheduling.app.SchedulingConfig;
import io.plantline.scheduling.app.SchedulingService;
import io.plantline.scheduling.domain.Outcome;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.bench.ProcessCpu;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end figures of the work-order service as {@code SchedulingMain} wires it ({@link
 * SchedulingService}), against its own Cassandra and Kafka, printed:
 *
 * <ol>
 *   <li>seed: {@code --orders} OpenWorkOrder commands through {@code workorder.commands.v1} (the
 *       real command path: intake, handler, event store, outbox, Kafka, projector), or with {@code
 *       --seed direct} appended to the event store directly (then published and projected); time
 *       and rate until stored, published and projected;
 *   <li>commands/s end to end on the filled store: {@code --transitions} AssignWorkOrder commands
 *       through Kafka, and the same number of plan transitions through REST from {@code
 *       --rest-clients} concurrent clients, each until projected;
 *   <li>query latency p50/p99 on the filled store, sequential over HTTP: GET one order (event-store
 *       replay), a site's open orders and an asset's history (projections), {@code --queries} each;
 *   <li>CPU per phase: the whole machine (/proc/stat) and each process (this JVM, which runs the
 *       service and the load, Cassandra, Kafka).
 * </ol>
 *
 * Every phase stops at {@code --deadline-seconds} (default 900) and prints what it reached; a phase
 * that did not finish says so, and the phases after it are then not comparable.
 */
public final class WorkOrderBench {
  private static final String KEYSPACE = "workorders_bench";
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final int SITES = 20;
  private static final int ASSETS = 5000;

  private final BenchArgs args;
  private final int orders;
  private final Duration deadline;
  private final List<String> ids = new ArrayList<>();
  private CassandraServer cassandra;
  private KafkaServer kafka;

  private WorkOrderBench(String[] argv) {
    this.args = new BenchArgs(argv);
    this.orders = args.integer("--orders", 100_000);
    this.deadline = Duration.ofSeconds(args.integer("--deadline-seconds", 900));
  }

  public static void main(String[] argv) throws Exception {
    new WorkOrderBench(argv).run();
    System.exit(0);
  }

  private void run() throws Exception {
    int partitions = args.integer("--partitions", 4);
    int concurrency = args.integer("--concurrency", 32);
    String seed = args.text("--seed", "kafka");
    if (!seed.equals("kafka") && !seed.equals("direct")) {
      throw new IllegalArgumentException("--seed: kafka or direct, was " + seed);
    }
    long start = System.nanoTime();
    try (CassandraServer c = CassandraServer.start();
        KafkaServer k = KafkaServer.start()) {
      cassandra = c;
      kafka = k;
      kafka.createTopics(
          partitions, Topics.WORK_ORDER_COMMANDS, Topics.WORK_ORDER_EVENTS, Topics.ALARMS);
      ApiTokens tokens = ApiTokens.hs256("bench-" + UUID.randomUUID() + UUID.randomUUID());
      System.out.printf(
          "servers up in %.1f s; %d cores, load average %s%n",
          seconds(start), Runtime.getRuntime().availableProcessors(), loadAverage());
      try (SchedulingService service = SchedulingService.start(config(tokens, concurrency))) {
        running = service;
        System.out.printf(
            "service: %d partitions per topic, concurrency %d per intake%n",
            partitions, concurrency);
        if (seed.equals("kafka")) {
          seedThroughKafka(service);
        } else {
          seedDirectly(service, concurrency);
        }
        int transitions = args.integer("--transitions", 3000);
        assignThroughKafka(service, transitions);
        Vertx vertx = Vertx.vertx();
        try {
          String base = "http://127.0.0.1:" + service.apiPort();
          planThroughRest(service, base, token(tokens, vertx, "planner"), transitions);
          queries(base, token(tokens, vertx, "viewer"));
          System.out.printf(
              "consistency: work_order_view holds %,d rows for %,d orders%n",
              viewRows(), ids.size());
          counting.close();
        } finally {
          vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
      }
    }
    System.out.printf("bench done in %.1f s%n", seconds(start));
  }

  private SchedulingConfig config(ApiTokens tokens, int concurrency) {
    InetSocketAddress cql = cassandra.contactPoint();
    return new SchedulingConfig(
        new KafkaSettings(
            kafka.bootstrapServers(),
            Optional.of(kafka.clientCredentials().username()),
            Optional.of(kafka.clientCredentials().password())),
        new CassandraSettings(
            List.of(InetSocketAddress.createUnresolved("127.0.0.1", cql.getPort())),
            cassandra.localDatacenter(),
            Optional.of(cassandra.applicationCredentials().username()),
            Optional.of(cassandra.applicationCredentials().password()),
            KEYSPACE,
            1),
        new WorkOrderApiVerticle.Listen("127.0.0.1", 0),
        tokens,
        "bench",
        concurrency);
  }

  /** The real command path: OpenWorkOrder commands on workorder.commands.v1. */
  private void seedThroughKafka(SchedulingService service) throws Exception {
    Phase phase = new Phase("seed " + orders + " orders through workorder.commands.v1");
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < orders; i++) {
        OpenWorkOrder open = open(i);
        ids.add(open.workOrderId());
        producer.send(
            new ProducerRecord<>(
                Topics.WORK_ORDER_COMMANDS,
                open.assetId(),
                Codecs.WORK_ORDER_COMMAND.encode(open)));
      }
    }
    double produced = phase.elapsed();
    phase.progress(service, orders);
    double stored = phase.await(service::commandsApplied, orders);
    double projected = phase.awaitViewRows(orders);
    long viewRows = viewRows();
    phase.checkComplete(viewRows, orders);
    phase.end(
        String.format(
            "produced in %.1f s%n"
                + "  stored    %,d orders in %.1f s -> %.0f commands/s (Kafka -> event store)%n"
                + "  projected %,d orders (work_order_view rows) by %.1f s -> %.0f commands/s end to"
                + " end (Kafka -> stored -> published -> projected)%n"
                + "  counters: %,d commands handled, %,d events sent to Kafka, %,d applied by the"
                + " projector (redeliveries after errors count again)",
            produced,
            service.commandsApplied(),
            stored,
            service.commandsApplied() / stored,
            viewRows,
            projected,
            viewRows / projected,
            service.commandsHandled(),
            service.eventsPublished(),
            service.eventsProjected()));
  }

  /** Appends the opening events to the event store directly, then waits for the projections. */
  private void seedDirectly(SchedulingService service, int concurrency) throws Exception {
    Phase phase = new Phase("seed " + orders + " orders by event-store appends (no command path)");
    try (CqlSession session = cassandra.openSession()) {
      CassandraEventStore store = new CassandraEventStore(session, KEYSPACE);
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      List<Future<Boolean>> appends = new ArrayList<>();
      for (int i = 0; i < orders; i++) {
        OpenWorkOrder open = open(i);
        ids.add(open.workOrderId());
        List<WorkOrderEvent> events = ((Outcome.Applied) WorkOrder.open(open)).events();
        appends.add(pool.submit(() -> store.append(open.workOrderId(), 0, events)));
      }
      for (Future<Boolean> append : appends) {
        append.get();
      }
      pool.shutdown();
    }
    double stored = phase.elapsed();
    phase.progress(service, orders);
    double projected = phase.awaitViewRows(orders);
    long viewRows = viewRows();
    phase.checkComplete(viewRows, orders);
    phase.end(
        String.format(
            "  stored    %,d in %.1f s -> %.0f appends/s%n"
                + "  projected %,d orders (work_order_view rows) by %.1f s",
            orders, stored, orders / stored, viewRows, projected));
  }

  /** AssignWorkOrder commands through Kafka on the filled store, until projected. */
  private void assignThroughKafka(SchedulingService service, int count) throws Exception {
    long handled0 = service.commandsApplied();
    long projected0 = service.eventsProjected();
    Phase phase = new Phase(count + " AssignWorkOrder commands through Kafka on the filled store");
    Random random = new Random(11);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < count; i++) {
        int n = random.nextInt(ids.size());
        WorkOrderCommand assign =
            new AssignWorkOrder(
                UUID.randomUUID(),
                WorkOrderCommand.SCHEMA_VERSION,
                ids.get(n),
                asset(n),
                "tech-" + (i % 50),
                T0.plusSeconds(orders + i));
        producer.send(
            new ProducerRecord<>(
                Topics.WORK_ORDER_COMMANDS,
                assign.assetId(),
                Codecs.WORK_ORDER_COMMAND.encode(assign)));
      }
    }
    double stored = phase.await(() -> service.commandsApplied() - handled0, count);
    double projected = phase.await(() -> service.eventsProjected() - projected0, count);
    phase.end(
        String.format(
            "  stored    %,d in %.1f s -> %.0f commands/s%n"
                + "  projected %,d by %.1f s -> %.0f commands/s end to end",
            service.commandsApplied() - handled0,
            stored,
            (service.commandsApplied() - handled0) / stored,
            service.eventsProjected() - projected0,
            projected,
            (service.eventsProjected() - projected0) / projected));
  }

  /** Plan transitions through REST from concurrent clients, until projected. */
  private void planThroughRest(SchedulingService service, String base, String token, int count)
      throws Exception {
    int clients = args.integer("--rest-clients", 8);
    long projected0 = service.eventsProjected();
    Phase phase =
        new Phase(count + " plan transitions through REST, " + clients + " concurrent clients");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    Semaphore inFlight = new Semaphore(clients);
    AtomicInteger failed = new AtomicInteger();
    Map<Integer, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    long[] latency = new long[count];
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      inFlight.acquire();
      done.add(
          pool.submit(
              () -> {
                try {
                  JsonObject plan =
                      new JsonObject()
                          .put("action", "plan")
                          .put("plannedStart", T0.plusSeconds(86_400L + n * 60L).toString())
                          .put("plannedEnd", T0.plusSeconds(90_000L + n * 60L).toString());
                  long t = System.nanoTime();
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      base
                                          + "/api/v1/work-orders/"
                                          + ids.get((n * 7919) % ids.size())
                                          + "/transitions"))
                              .header("Authorization", "Bearer " + token)
                              .header("content-type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(plan.encode()))
                              .timeout(Duration.ofSeconds(30))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  latency[n] = System.nanoTime() - t;
                  if (r.statusCode() != 200) {
                    failed.incrementAndGet();
                    failures.merge(r.statusCode(), 1, Integer::sum);
                  }
                } catch (Exception e) {
                  failed.incrementAndGet();
                  failures.merge(-1, 1, Integer::sum);
                } finally {
                  inFlight.release();
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double stored = phase.elapsed();
    double projected =
        phase.await(() -> service.eventsProjected() - projected0, count - failed.get());
    phase.end(
        String.format(
            "  stored    %,d in %.1f s -> %.0f commands/s (%d failed %s); request p50 %.1f ms,"
                + " p99 %.1f ms%n"
                + "  projected %,d by %.1f s -> %.0f commands/s end to end",
            count - failed.get(),
            stored,
            (count - failed.get()) / stored,
            failed.get(),
            failures,
            percentile(latency, count, 50),
            percentile(latency, count, 99),
            service.eventsProjected() - projected0,
            projected,
            (service.eventsProjected() - projected0) / projected));
  }

  /** Sequential GET latency on the filled store. */
  private void queries(String base, String token) throws Exception {
    int queries = args.integer("--queries", 2000);
    Phase phase = new Phase(queries + " queries of each kind, sequential, over HTTP");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Random random = new Random(7);
    long end = System.nanoTime() + deadline.toNanos();
    long[] get = new long[queries];
    long[] site = new long[queries];
    long[] asset = new long[queries];
    int done = 0;
    for (; done < queries && System.nanoTime() < end; done++) {
      get[done] =
          timed(http, base + "/api/v1/work-orders/" + ids.get(random.nextInt(ids.size())), token);
      site[done] =
          timed(
              http,
              base + "/api/v1/work-orders?pageSize=25&siteId=site-" + random.nextInt(SITES),
              token);
      asset[done] =
          timed(
              http,
              base + "/api/v1/work-orders?pageSize=25&assetId=" + asset(random.nextInt(ASSETS)),
              token);
    }
    phase.end(
        String.format(
            "  store holds %,d orders; %d queries each%n"
                + "  GET one order (event-store replay):       p50 %.2f ms  p99 %.2f ms%n"
                + "  list a site's open orders (25, by urgency): p50 %.2f ms  p99 %.2f ms%n"
                + "  list an asset's history (25, newest first): p50 %.2f ms  p99 %.2f ms",
            ids.size(),
            done,
            percentile(get, done, 50),
            percentile(get, done, 99),
            percentile(site, done, 50),
            percentile(site, done, 99),
            percentile(asset, done, 50),
            percentile(asset, done, 99)));
  }

  private OpenWorkOrder open(int i) {
    return new OpenWorkOrder(
        UUID.nameUUIDFromBytes(
            ("bench-open-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        WorkOrderCommand.SCHEMA_VERSION,
        "WO-bench-" + i,
        "site-" + (i % SITES),
        asset(i),
        WorkOrderPriority.values()[i % 4],
        "alm-bench-" + i,
        "rule-" + i, // a rule per order: every command opens an order (none attaches)
        "bench order " + i,
        Map.of("temperature.max", 90.0 + i % 10),
        T0.plusSeconds(i));
  }

  private static String asset(int i) {
    return "asset-" + (i % ASSETS);
  }

  /** One timed phase with machine and process CPU over it. */
  private final class Phase {
    private final String name;
    private final long t0 = System.nanoTime();
    private final long[] machine0 = machineTicks();
    private final long self0 = ticks(ProcessHandle.current().pid());
    private final long cassandra0 = ticks(cassandra.pid());
    private final long kafka0 = ticks(kafka.pid());

    Phase(String name) {
      this.name = name;
      System.out.println("== " + name);
    }

    double elapsed() {
      return seconds(t0);
    }

    /** Says so when the phase stopped at the deadline. */
    void checkComplete(long reached, long target) {
      if (reached < target) {
        System.out.printf(
            "  INCOMPLETE: deadline of %d s reached at %,d of %,d%n",
            deadline.toSeconds(), reached, target);
      }
    }

    /** Prints the counts every 30 s until everything is projected or the deadline. */
    void progress(SchedulingService service, long target) throws InterruptedException {
      long end = t0 + deadline.toNanos();
      long next = System.nanoTime();
      while (service.eventsProjected() < target && System.nanoTime() < end) {
        if (System.nanoTime() >= next) {
          System.out.printf(
              "  %6.0f s: stored %,d, published %,d, projected %,d%n",
              elapsed(),
              service.commandsHandled(),
              service.eventsPublished(),
              service.eventsProjected());
          next += TimeUnit.SECONDS.toNanos(30);
        }
        Thread.sleep(200);
      }
    }

    /**
     * Waits until the projector has applied {@code target} events, then until {@code
     * work_order_view} holds {@code target} rows (the projector's count includes redeliveries), or
     * the deadline; returns the seconds.
     */
    double awaitViewRows(long target) throws InterruptedException {
      await(() -> projectedNow(), target);
      long end = t0 + deadline.toNanos();
      while (viewRows() < target && System.nanoTime() < end) {
        Thread.sleep(1000);
      }
      return seconds(t0);
    }

    /** Waits until {@code count} reaches {@code target} or the deadline; returns the seconds. */
    double await(LongSupplier count, long target) throws InterruptedException {
      long end = t0 + deadline.toNanos();
      while (count.getAsLong() < target && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      return seconds(t0);
    }

    void end(String figures) {
      double s = elapsed();
      long[] machine1 = machineTicks();
      double busy = machine1[0] - machine0[0];
      double all = machine1[1] - machine0[1];
      System.out.println(figures);
      System.out.printf(
          "  CPU over %.1f s: machine %.0f%% of %d cores busy; cores used: bench+service JVM %.2f,"
              + " Cassandra %.2f, Kafka %.2f; load average %s%n",
          s,
          all == 0 ? 0 : 100 * busy / all,
          Runtime.getRuntime().availableProcessors(),
          ProcessCpu.cores(self0, ticks(ProcessHandle.current().pid()), s),
          ProcessCpu.cores(cassandra0, ticks(cassandra.pid()), s),
          ProcessCpu.cores(kafka0, ticks(kafka.pid()), s),
          loadAverage());
      System.out.flush();
    }
  }

  private SchedulingService running;
  private CqlSession counting;

  private long projectedNow() {
    return running.eventsProjected();
  }

  /** Rows of work_order_view (a full count; only at the end of a phase). */
  private long viewRows() {
    if (counting == null) {
      counting = cassandra.openSession();
    }
    return counting
        .execute(
            com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                    "SELECT COUNT(*) FROM " + KEYSPACE + ".work_order_view")
                .setTimeout(Duration.ofSeconds(120)))
        .one()
        .getLong(0);
  }

  private static long ticks(long pid) {
    try {
      return ProcessCpu.ticks(pid);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Busy and total jiffies of all CPUs from the first line of /proc/stat. */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String token(ApiTokens tokens, Vertx vertx, String role) {
    return tokens.issue(
        vertx, new JsonObject().put("sub", "bench").put("roles", new JsonArray().add(role)), 7200);
  }

  private static long timed(HttpClient http, String url, String token) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return took;
  }

  private static double percentile(long[] samples, int count, int p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = Math.min(count - 1, (int) Math.ceil(p / 100.0 * count) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
