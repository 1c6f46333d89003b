package io.plantline.scheduling.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.scheduling.adapter.in.http.ApiTokens;
import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderCommandConsumer;
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
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end figures, printed: OpenWorkOrder commands per second from {@code workorder.commands.v1}
 * into the event store (and on to Kafka and the projections), then REST query latency p50/p99 (GET
 * one order, list a site's open orders) on the store so filled. Every phase stops at the deadline
 * and prints what it reached.
 *
 * <p>Options: {@code --orders N} (default 20000), {@code --intakes N} consumers = partitions
 * (default 4), {@code --queries N} per kind (default 2000), {@code --deadline-seconds N} per phase
 * (default 300).
 */
public final class WorkOrderBench {
  private static final String KEYSPACE = "workorders_bench";
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  private WorkOrderBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = options(args);
    int orders = options.getOrDefault("--orders", 20_000);
    int intakes = options.getOrDefault("--intakes", 4);
    int queries = options.getOrDefault("--queries", 2000);
    Duration deadline = Duration.ofSeconds(options.getOrDefault("--deadline-seconds", 300));
    int sites = 20;
    try (CassandraServer cassandra = CassandraServer.start();
        KafkaServer kafka = KafkaServer.start();
        CqlSession cql = cassandra.openSession()) {
      kafka.createTopics(intakes, Topics.WORK_ORDER_COMMANDS, Topics.WORK_ORDER_EVENTS);
      WorkOrderSchema.create(cql, KEYSPACE, 1);
      ProjectionSchema.create(cql, KEYSPACE);
      CassandraEventStore store = new CassandraEventStore(cql, KEYSPACE);
      WorkOrderCommandHandler handler =
          new WorkOrderCommandHandler(
              store,
              new CassandraActiveCauseIndex(cql, KEYSPACE),
              new CassandraAlarmClearances(cql, KEYSPACE));
      OutboxPublisher publisher =
          new OutboxPublisher(
                  new CassandraOutbox(cql, KEYSPACE),
                  producer(kafka),
                  Topics.WORK_ORDER_EVENTS,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(30),
                  Clock.systemUTC())
              .start();
      WorkOrderEventProjector projector =
          new WorkOrderEventProjector(
                  consumer(kafka, "bench-projector"),
                  Topics.WORK_ORDER_EVENTS,
                  new CassandraProjections(cql, KEYSPACE, store),
                  Duration.ofMillis(200))
              .start();
      List<WorkOrderCommandConsumer> intake = new ArrayList<>();
      for (int i = 0; i < intakes; i++) {
        intake.add(
            new WorkOrderCommandConsumer(
                    consumer(kafka, "bench-intake"),
                    Topics.WORK_ORDER_COMMANDS,
                    handler,
                    r -> publisher.nudge(),
                    Duration.ofMillis(200))
                .start());
      }
      Random random = new Random(42);
      List<String> ids = new ArrayList<>();
      long t0 = System.nanoTime();
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        for (int i = 0; i < orders; i++) {
          String asset = "asset-" + (i % 5000);
          String id = "WO-bench-" + i;
          ids.add(id);
          OpenWorkOrder open =
              new OpenWorkOrder(
                  UUID.randomUUID(),
                  1,
                  id,
                  "site-" + (i % sites),
                  asset,
                  WorkOrderPriority.values()[random.nextInt(4)],
                  "alm-" + i,
                  "rule-" + i, // distinct rules: every command opens an order
                  "bench order " + i,
                  Map.of("temperature.max", 90.0 + i % 10),
                  T0.plusSeconds(i));
          producer.send(
              new ProducerRecord<>(
                  Topics.WORK_ORDER_COMMANDS, asset, Codecs.WORK_ORDER_COMMAND.encode(open)));
        }
      }
      double produced = seconds(t0);
      LongSupplier handled = () -> intake.stream().mapToLong(c -> c.handledCount()).sum();
      double stored = waitFor(handled, orders, t0, deadline);
      double published = waitFor(publisher::publishedCount, orders, t0, deadline);
      double projected = waitFor(projector::appliedCount, orders, t0, deadline);
      System.out.printf(
          "orders=%d intakes=%d produced in %.1f s%n"
              + "stored   %d in %.1f s -> %.0f commands/s (Kafka -> event store)%n"
              + "published %d in %.1f s -> %.0f events/s (-> workorder.events.v1)%n"
              + "projected %d in %.1f s -> %.0f events/s (-> read side)%n",
          orders,
          intakes,
          produced,
          handled.getAsLong(),
          stored,
          handled.getAsLong() / stored,
          publisher.publishedCount(),
          published,
          publisher.publishedCount() / published,
          projector.appliedCount(),
          projected,
          projector.appliedCount() / projected);
      for (WorkOrderCommandConsumer c : intake) {
        c.close();
      }
      queryLatency(handler, store, cql, ids, sites, queries, deadline, publisher);
      projector.close();
      publisher.close();
    }
  }

  private static void queryLatency(
      WorkOrderCommandHandler handler,
      CassandraEventStore store,
      CqlSession cql,
      List<String> ids,
      int sites,
      int queries,
      Duration deadline,
      OutboxPublisher publisher)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiTokens tokens = ApiTokens.hs256("bench-" + UUID.randomUUID() + UUID.randomUUID());
      WorkOrderApiVerticle api =
          new WorkOrderApiVerticle(
              new WorkOrderApiVerticle.Listen("127.0.0.1", 0),
              handler,
              store,
              new CassandraWorkOrderQueries(cql, KEYSPACE),
              tokens,
              publisher::nudge,
              Clock.systemUTC(),
              null);
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String token =
          tokens.issue(
              vertx,
              new JsonObject().put("sub", "bench").put("roles", new JsonArray().add("viewer")),
              3600);
      String base = "http://127.0.0.1:" + api.actualPort();
      HttpClient http = HttpClient.newHttpClient();
      Random random = new Random(7);
      long end = System.nanoTime() + deadline.toNanos();
      long[] get = new long[queries];
      long[] list = new long[queries];
      int done = 0;
      for (; done < queries && System.nanoTime() < end; done++) {
        get[done] =
            timed(http, base + "/api/v1/work-orders/" + ids.get(random.nextInt(ids.size())), token);
        list[done] =
            timed(
                http,
                base + "/api/v1/work-orders?pageSize=25&siteId=site-" + random.nextInt(sites),
                token);
      }
      System.out.printf(
          "store holds %d orders; %d queries each, sequential, over HTTP%n"
              + "GET one order (event-store replay): p50 %.2f ms  p99 %.2f ms%n"
              + "list open orders of a site (25, projection): p50 %.2f ms  p99 %.2f ms%n",
          ids.size(),
          done,
          percentile(get, done, 50),
          percentile(get, done, 99),
          percentile(list, done, 50),
          percentile(list, done, 99));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static long timed(HttpClient http, String url, String token) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
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

  private static double waitFor(LongSupplier count, long target, long t0, Duration deadline)
      throws InterruptedException {
    long end = t0 + deadline.toNanos();
    while (count.getAsLong() < target && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    return seconds(t0);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static KafkaProducer<String, byte[]> producer(KafkaServer kafka) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(KafkaServer kafka, String group) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      try {
        options.put(args[i], Integer.parseInt(args[i + 1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i] + ": not a whole number: " + args[i + 1]);
      }
    }
    return options;
  }
}
