package io.plantline.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderCommandConsumer;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderEventProjector;
import io.plantline.scheduling.adapter.out.cassandra.CassandraActiveCauseIndex;
import io.plantline.scheduling.adapter.out.cassandra.CassandraAlarmClearances;
import io.plantline.scheduling.adapter.out.cassandra.CassandraEventStore;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.CassandraProjections;
import io.plantline.scheduling.adapter.out.cassandra.ProjectionSchema;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import io.plantline.scheduling.adapter.out.kafka.OutboxPublisher;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.scheduling.domain.WorkOrderStatus;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write side against real Cassandra and Kafka: concurrency, idempotency, outbox recovery. */
@ExtendWith(EmbeddedServersExtension.class)
class WorkOrderStoreIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String KEYSPACE = "workorders_it";
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static KafkaServer kafka;
  private static CqlSession cql;
  private static CassandraEventStore store;
  private static WorkOrderCommandHandler handler;

  @BeforeAll
  static void servers(KafkaServer k, CassandraServer cassandra) {
    kafka = k;
    kafka.createTopics(2, Topics.WORK_ORDER_COMMANDS, Topics.WORK_ORDER_EVENTS);
    cql = cassandra.openSession();
    WorkOrderSchema.create(cql, KEYSPACE, 1);
    store = new CassandraEventStore(cql, KEYSPACE);
    handler =
        new WorkOrderCommandHandler(
            store,
            new CassandraActiveCauseIndex(cql, KEYSPACE),
            new CassandraAlarmClearances(cql, KEYSPACE));
  }

  @AfterAll
  static void closeSession() {
    if (cql != null) {
      cql.close();
    }
  }

  @Test
  void shouldLetExactlyOneOfTwoConcurrentTransitionsWin() throws Exception {
    String wo = newId("WO-race");
    open(wo, "asset-race-1", null);
    // pinned to version 1 (a client that read the order): one wins, the other is a conflict
    List<CommandResult> pinned =
        race(
            () -> handler.handle(assign(wo, "asset-race-1", "tech-a"), OptionalLong.of(1)),
            () -> handler.handle(assign(wo, "asset-race-1", "tech-b"), OptionalLong.of(1)));
    assertThat(pinned).filteredOn(r -> r instanceof CommandResult.Applied).hasSize(1);
    assertThat(pinned).filteredOn(r -> r instanceof CommandResult.Conflict).hasSize(1);
    assertThat(store.load(wo)).hasSize(2);

    // unpinned (Kafka intake): the loser is re-decided on the fresh state and refused
    List<CommandResult> unpinned =
        race(
            () -> handler.handle(start(wo, "asset-race-1"), OptionalLong.empty()),
            () -> handler.handle(start(wo, "asset-race-1"), OptionalLong.empty()));
    assertThat(unpinned).filteredOn(r -> r instanceof CommandResult.Applied).hasSize(1);
    assertThat(unpinned).filteredOn(r -> r instanceof CommandResult.Refused).hasSize(1);
    List<WorkOrderEvent> events = store.load(wo);
    assertThat(events).extracting(WorkOrderEvent::version).containsExactly(1L, 2L, 3L);
    assertThat(WorkOrder.replay(events).status()).isEqualTo(WorkOrderStatus.IN_PROGRESS);
  }

  @Test
  void shouldApplyACommandDeliveredTwiceOnceAndAttachRepeatedAlarms() throws Exception {
    String asset = newId("asset-dup");
    String wo = newId("WO-dup");
    OpenWorkOrder open = openCommand(wo, asset, "alm-" + wo);
    AssignWorkOrder assign = assign(wo, asset, "tech-1");
    OpenWorkOrder repeat = openCommand(newId("WO-rep"), asset, "alm-rep-" + wo);
    try (OutboxPublisher publisher = publisher().start();
        WorkOrderCommandConsumer intake = intake(publisher).start();
        KafkaProducer<String, byte[]> producer = producer()) {
      for (WorkOrderCommand c : List.of(open, open, assign, repeat, assign, repeat)) {
        producer.send(
            new ProducerRecord<>(
                Topics.WORK_ORDER_COMMANDS, c.assetId(), Codecs.WORK_ORDER_COMMAND.encode(c)));
      }
      producer.flush();
      List<WorkOrderEvent> published = awaitEvents(e -> e.workOrderId().equals(wo), 3);

      assertThat(published).extracting(WorkOrderEvent::version).containsExactly(1L, 2L, 3L);
      assertThat(published.get(0)).isInstanceOf(WorkOrderOpened.class);
      assertThat(published)
          .filteredOn(e -> e instanceof WorkOrderAssigned)
          .singleElement()
          .extracting(WorkOrderEvent::commandId)
          .isEqualTo(assign.commandId());
      assertThat(published)
          .filteredOn(e -> e instanceof WorkOrderOccurrenceAttached)
          .singleElement()
          .extracting(e -> ((WorkOrderOccurrenceAttached) e).occurrences())
          .isEqualTo(2);
      await().atMost(DEADLINE).until(() -> intake.handledCount() == 6);
      assertThat(store.load(wo)).hasSize(3);
      assertThat(store.load(repeat.workOrderId())).isEmpty();
    }
  }

  @Test
  void shouldPublishAStoredEventAfterThePublisherStoppedBeforePublishingIt() throws Exception {
    String wo = newId("WO-crash");
    publisher().start().close(); // a publisher that ran, then died
    CommandResult stored = open(wo, "asset-crash", null);
    assertThat(stored).isInstanceOf(CommandResult.Applied.class);
    // a losing append leaves an outbox mark without an event of its own
    assertThat(store.append(wo, 0, ((CommandResult.Applied) stored).events())).isFalse();

    try (OutboxPublisher recovered = publisher().start()) {
      List<WorkOrderEvent> published = awaitEvents(e -> e.workOrderId().equals(wo), 1);
      assertThat(published)
          .extracting(WorkOrderEvent::eventId)
          .containsExactly(((CommandResult.Applied) stored).events().get(0).eventId());
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  new CassandraOutbox(cql, KEYSPACE)
                      .marks(WorkOrderSchema.bucket(wo)).stream()
                          .noneMatch(m -> m.workOrderId().equals(wo)));
    }
    assertThat(readEvents(e -> e.workOrderId().equals(wo), Duration.ofSeconds(2))).hasSize(1);
  }

  @Test
  void shouldRebuildTheSameReadSideAsLiveUpdatesGave() throws Exception {
    String ks = "workorders_projection_it";
    WorkOrderSchema.create(cql, ks, 1);
    ProjectionSchema.create(cql, ks);
    CassandraEventStore projectedStore = new CassandraEventStore(cql, ks);
    WorkOrderCommandHandler h =
        new WorkOrderCommandHandler(
            projectedStore,
            new CassandraActiveCauseIndex(cql, ks),
            new CassandraAlarmClearances(cql, ks));
    CassandraProjections projections = new CassandraProjections(cql, ks, projectedStore);
    String asset = newId("asset-p");
    String a1 = newId("WO-a1");
    String a2 = newId("WO-a2");
    String a3 = newId("WO-a3");
    String a4 = newId("WO-a4");
    String topic = "workorder.events.projection-it";
    kafka.createTopics(2, topic);
    try (OutboxPublisher publisher =
            new OutboxPublisher(
                    new CassandraOutbox(cql, ks),
                    producer(),
                    topic,
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Clock.systemUTC())
                .start();
        WorkOrderEventProjector projector =
            new WorkOrderEventProjector(
                    consumer("projector"), topic, projections, Duration.ofMillis(200))
                .start()) {
      run(h, open(a1, asset, "alm-1", "temp-high", WorkOrderPriority.HIGH, T0));
      run(h, assign(a1, asset, "tech-1"));
      run(h, start(a1, asset));
      run(h, new CompleteWorkOrder(UUID.randomUUID(), 1, a1, asset, "fixed", T0.plusSeconds(600)));
      run(h, open(a2, asset, "alm-2", "vib-high", WorkOrderPriority.URGENT, T0.plusSeconds(3600)));
      run(h, open(a3, asset, null, null, WorkOrderPriority.LOW, T0.plusSeconds(100)));
      run(h, open(a4, asset, "alm-4", "temp-high", WorkOrderPriority.MEDIUM, T0.plusSeconds(7200)));
      run(
          h,
          open(
              newId("WO-a5"),
              asset,
              "alm-5",
              "temp-high",
              WorkOrderPriority.MEDIUM,
              T0.plusSeconds(7300)));
      run(
          h,
          new CancelWorkOrder(
              UUID.randomUUID(), 1, a4, asset, "sensor fault", T0.plusSeconds(7400)));
      Map<String, Long> versions = Map.of(a1, 4L, a2, 1L, a3, 1L, a4, 3L);
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  versions.entrySet().stream()
                      .allMatch(
                          v -> {
                            Row row =
                                cql.execute(
                                        "SELECT version FROM "
                                            + ks
                                            + ".work_order_view WHERE work_order_id = ?",
                                        v.getKey())
                                    .one();
                            return row != null && row.getLong(0) == v.getValue();
                          }));
    }
    Map<String, List<String>> live = snapshot(ks);
    Row reliability =
        cql.execute("SELECT * FROM " + ks + ".asset_reliability WHERE asset_id = ?", asset).one();
    assertThat(reliability.getInt("failures")).isEqualTo(3);
    assertThat(reliability.getInt("repairs")).isEqualTo(1);
    assertThat(reliability.getLong("mtbf_seconds")).isEqualTo(3600);
    assertThat(reliability.getLong("mttr_seconds")).isEqualTo(600);
    List<String> openOrder = new ArrayList<>();
    for (Row row :
        cql.execute(
            "SELECT work_order_id FROM " + ks + ".open_orders_by_site WHERE site_id = 'plant-a'")) {
      openOrder.add(row.getString(0));
    }
    assertThat(openOrder).containsExactly(a2, a3);
    Row a4view =
        cql.execute(
                "SELECT status, occurrences FROM "
                    + ks
                    + ".work_order_view WHERE work_order_id = ?",
                a4)
            .one();
    assertThat(a4view.getString(0)).isEqualTo("CANCELLED");
    assertThat(a4view.getInt(1)).isEqualTo(2);
    Row a1view =
        cql.execute("SELECT evidence FROM " + ks + ".work_order_view WHERE work_order_id = ?", a1)
            .one();
    assertThat(a1view.getMap(0, String.class, Double.class))
        .containsExactly(Map.entry("temperature.max", 95.5));

    // old events applied again after newer ones (a redelivery) change no row, whether the
    // projections have the asset's reliability inputs in memory or read them afresh
    List<WorkOrderEvent> a1events = projectedStore.load(a1);
    projections.apply(a1events.get(0));
    projections.apply(a1events.get(1));
    new CassandraProjections(cql, ks, projectedStore).apply(a1events.get(0));
    assertThat(snapshot(ks)).isEqualTo(live);

    assertThat(projections.rebuild()).isEqualTo(4);
    assertThat(snapshot(ks)).isEqualTo(live);
  }

  private static void run(WorkOrderCommandHandler h, WorkOrderCommand command) {
    assertThat(h.handle(command, OptionalLong.empty())).isInstanceOf(CommandResult.Applied.class);
  }

  private static OpenWorkOrder open(
      String wo, String asset, String alarm, String rule, WorkOrderPriority priority, Instant at) {
    return new OpenWorkOrder(
        UUID.randomUUID(),
        2,
        wo,
        "plant-a",
        asset,
        priority,
        alarm,
        rule,
        "Inspect",
        alarm == null ? Map.of() : Map.of("temperature.max", 95.5),
        at);
  }

  private static Map<String, List<String>> snapshot(String ks) {
    Map<String, List<String>> tables = new HashMap<>();
    for (String table : ProjectionSchema.TABLES) {
      List<String> rows = new ArrayList<>();
      for (Row row : cql.execute("SELECT * FROM " + ks + "." + table)) {
        rows.add(row.getFormattedContents());
      }
      rows.sort(null);
      tables.put(table, rows);
    }
    return tables;
  }

  private static KafkaConsumer<String, byte[]> consumer(String group) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static CommandResult open(String wo, String asset, String alarmId) {
    return handler.handle(openCommand(wo, asset, alarmId), OptionalLong.empty());
  }

  private static OpenWorkOrder openCommand(String wo, String asset, String alarmId) {
    return new OpenWorkOrder(
        UUID.randomUUID(),
        1,
        wo,
        "plant-a",
        asset,
        WorkOrderPriority.HIGH,
        alarmId,
        alarmId == null ? null : "temp-high",
        "Inspect the cooler",
        Map.of(),
        T0);
  }

  private static AssignWorkOrder assign(String wo, String asset, String who) {
    return new AssignWorkOrder(UUID.randomUUID(), 1, wo, asset, who, T0.plusSeconds(60));
  }

  private static StartWorkOrder start(String wo, String asset) {
    return new StartWorkOrder(UUID.randomUUID(), 1, wo, asset, T0.plusSeconds(120));
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @SafeVarargs
  private static List<CommandResult> race(Callable<CommandResult>... contenders) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(contenders.length);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<CommandResult>> futures = new ArrayList<>();
      for (Callable<CommandResult> c : contenders) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return c.call();
                }));
      }
      go.countDown();
      List<CommandResult> results = new ArrayList<>();
      for (Future<CommandResult> f : futures) {
        results.add(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static OutboxPublisher publisher() {
    return new OutboxPublisher(
        new CassandraOutbox(cql, KEYSPACE),
        producer(),
        Topics.WORK_ORDER_EVENTS,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  private static WorkOrderCommandConsumer intake(OutboxPublisher publisher) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "scheduling-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new WorkOrderCommandConsumer(
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()),
        Topics.WORK_ORDER_COMMANDS,
        handler,
        r -> publisher.nudge(),
        Duration.ofMillis(200));
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static List<WorkOrderEvent> awaitEvents(Predicate<WorkOrderEvent> match, int count) {
    List<WorkOrderEvent> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = eventsConsumer()) {
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (seen.size() < count && System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          WorkOrderEvent e = Codecs.WORK_ORDER_EVENT.decode(r.value());
          if (match.test(e)) {
            seen.add(e);
          }
        }
      }
      // anything more (a duplicate) arriving shortly after would show here
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        WorkOrderEvent e = Codecs.WORK_ORDER_EVENT.decode(r.value());
        if (match.test(e)) {
          seen.add(e);
        }
      }
    }
    seen.sort(java.util.Comparator.comparingLong(WorkOrderEvent::version));
    return seen;
  }

  private static List<WorkOrderEvent> readEvents(Predicate<WorkOrderEvent> match, Duration span) {
    List<WorkOrderEvent> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = eventsConsumer()) {
      long end = System.nanoTime() + span.toNanos();
      while (System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          WorkOrderEvent e = Codecs.WORK_ORDER_EVENT.decode(r.value());
          if (match.test(e)) {
            seen.add(e);
          }
        }
      }
    }
    return seen;
  }

  private static KafkaConsumer<String, byte[]> eventsConsumer() {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties(), new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(Topics.WORK_ORDER_EVENTS)) {
      partitions.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
