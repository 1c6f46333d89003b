package io.plantline.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderVerified;
import io.plantline.scheduling.adapter.in.kafka.AlarmClearanceConsumer;
import io.plantline.scheduling.adapter.in.kafka.WorkOrderCommandConsumer;
import io.plantline.scheduling.adapter.out.cassandra.CassandraActiveCauseIndex;
import io.plantline.scheduling.adapter.out.cassandra.CassandraAlarmClearances;
import io.plantline.scheduling.adapter.out.cassandra.CassandraEventStore;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import io.plantline.scheduling.adapter.out.kafka.OutboxPublisher;
import io.plantline.scheduling.domain.ClearanceResult;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.scheduling.domain.WorkOrderStatus;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * Alarm clearances on {@code alarms.v1} verify work orders, against real Kafka and Cassandra: the
 * alarm opens an order through {@code workorder.commands.v1}, and its CLEARED event verifies the
 * order once it is done, whichever of the two comes first.
 */
@ExtendWith(EmbeddedServersExtension.class)
class AlarmClearanceIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String KEYSPACE = "workorders_alarm_it";
  private static final String EVENTS = "workorder.events.alarm-it";
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private static KafkaServer kafka;
  private static CqlSession cql;
  private static CassandraEventStore store;
  private static OutboxPublisher publisher;
  private static WorkOrderCommandConsumer commands;
  private static AlarmClearanceConsumer alarms;
  private static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void start(KafkaServer k, CassandraServer cassandra) {
    kafka = k;
    kafka.createTopics(2, Topics.ALARMS, Topics.WORK_ORDER_COMMANDS, EVENTS);
    cql = cassandra.openSession();
    WorkOrderSchema.create(cql, KEYSPACE, 1);
    store = new CassandraEventStore(cql, KEYSPACE);
    WorkOrderCommandHandler handler =
        new WorkOrderCommandHandler(
            store,
            new CassandraActiveCauseIndex(cql, KEYSPACE),
            new CassandraAlarmClearances(cql, KEYSPACE));
    producer = producer();
    publisher =
        new OutboxPublisher(
                new CassandraOutbox(cql, KEYSPACE),
                producer(),
                EVENTS,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Clock.systemUTC())
            .start();
    commands =
        new WorkOrderCommandConsumer(
                consumer(),
                Topics.WORK_ORDER_COMMANDS,
                handler,
                r -> {
                  if (r instanceof CommandResult.Applied a) {
                    publisher.appended(a.events());
                  }
                },
                backoff(),
                4)
            .start();
    alarms =
        new AlarmClearanceConsumer(
                consumer(),
                Topics.ALARMS,
                handler,
                r -> {
                  if (r instanceof ClearanceResult.Verified) {
                    publisher.nudge();
                  }
                },
                backoff(),
                4)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alarms, commands, publisher, producer, cql}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void shouldVerifyADoneOrderWhenItsAlarmClearsOnceEvenIfTheClearanceComesTwice() {
    String asset = newId("press");
    String alarmId = newId("alm");
    String wo = newId("WO-done");
    send(Topics.WORK_ORDER_COMMANDS, asset, open(wo, asset, alarmId));
    workUntilDone(wo, asset);
    awaitStatus(wo, WorkOrderStatus.DONE);

    long rejectedBefore = alarms.rejectedCount();
    AlarmEvent cleared = alarm(alarmId, asset, AlarmState.CLEARED, T0.plusSeconds(900));
    send(
        Topics.ALARMS,
        asset,
        Codecs.ALARM_EVENT.encode(alarm(alarmId, asset, AlarmState.RAISED, T0)));
    send(
        Topics.ALARMS,
        asset,
        "{\"schemaVersion\":1,\"alarmId\":\"bad alarm\"}".getBytes(StandardCharsets.UTF_8));
    send(Topics.ALARMS, asset, Codecs.ALARM_EVENT.encode(cleared));
    send(Topics.ALARMS, asset, Codecs.ALARM_EVENT.encode(cleared)); // redelivered

    awaitStatus(wo, WorkOrderStatus.VERIFIED);
    // a later record of the same partition proves both copies were handled
    String marker = newId("alm-marker");
    send(
        Topics.ALARMS,
        asset,
        Codecs.ALARM_EVENT.encode(alarm(marker, asset, AlarmState.CLEARED, T0)));
    await()
        .atMost(DEADLINE)
        .until(() -> new CassandraAlarmClearances(cql, KEYSPACE).find(marker).isPresent());
    List<WorkOrderEvent> events = store.load(wo);
    assertThat(events).filteredOn(e -> e instanceof WorkOrderVerified).hasSize(1);
    WorkOrderVerified verified = (WorkOrderVerified) events.get(events.size() - 1);
    assertThat(verified.alarmId()).isEqualTo(alarmId);
    assertThat(verified.occurredAt()).isEqualTo(T0.plusSeconds(900));
    assertThat(alarms.rejectedCount()).isEqualTo(rejectedBefore + 1);
  }

  @Test
  void shouldVerifyAnOrderAtCompletionWhenItsAlarmClearedWhileTheWorkWasOpen() {
    String asset = newId("pump");
    String alarmId = newId("alm");
    String wo = newId("WO-early");
    send(Topics.WORK_ORDER_COMMANDS, asset, open(wo, asset, alarmId));
    await().atMost(DEADLINE).until(() -> !store.load(wo).isEmpty());
    send(
        Topics.ALARMS,
        asset,
        Codecs.ALARM_EVENT.encode(alarm(alarmId, asset, AlarmState.CLEARED, T0.plusSeconds(60))));
    await()
        .atMost(DEADLINE)
        .until(() -> new CassandraAlarmClearances(cql, KEYSPACE).find(alarmId).isPresent());
    assertThat(WorkOrder.replay(store.load(wo)).status()).isEqualTo(WorkOrderStatus.OPEN);

    workUntilDone(wo, asset);
    awaitStatus(wo, WorkOrderStatus.VERIFIED);
    List<WorkOrderEvent> events = store.load(wo);
    assertThat(events).hasSize(5);
    assertThat(events.subList(3, 5))
        .hasExactlyElementsOfTypes(WorkOrderCompleted.class, WorkOrderVerified.class);
    List<WorkOrderEvent> published = awaitPublished(wo, 5);
    assertThat(published).extracting(WorkOrderEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(published.get(4)).isInstanceOf(WorkOrderVerified.class);
  }

  private static void workUntilDone(String wo, String asset) {
    for (WorkOrderCommand c :
        List.<WorkOrderCommand>of(
            new AssignWorkOrder(UUID.randomUUID(), 2, wo, asset, "tech-1", T0.plusSeconds(120)),
            new StartWorkOrder(UUID.randomUUID(), 2, wo, asset, T0.plusSeconds(180)),
            new CompleteWorkOrder(
                UUID.randomUUID(), 2, wo, asset, "cleaned", T0.plusSeconds(600)))) {
      send(Topics.WORK_ORDER_COMMANDS, asset, Codecs.WORK_ORDER_COMMAND.encode(c));
    }
  }

  private static void awaitStatus(String wo, WorkOrderStatus status) {
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              List<WorkOrderEvent> events = store.load(wo);
              return !events.isEmpty() && WorkOrder.replay(events).status() == status;
            });
  }

  /** What the stream job sends when an alarm that opens work orders is raised. */
  private static byte[] open(String wo, String asset, String alarmId) {
    return Codecs.WORK_ORDER_COMMAND.encode(
        new OpenWorkOrder(
            UUID.randomUUID(),
            WorkOrderCommand.SCHEMA_VERSION,
            wo,
            "plant-a",
            asset,
            WorkOrderPriority.HIGH,
            alarmId,
            "bearing-temp",
            "Inspect " + asset,
            Map.of("temperature.max", 96.5),
            T0));
  }

  private static AlarmEvent alarm(String alarmId, String asset, AlarmState state, Instant at) {
    return new AlarmEvent(
        UUID.randomUUID(),
        AlarmEvent.SCHEMA_VERSION,
        alarmId,
        asset,
        "plant-a",
        "hall-1",
        "bearing-temp",
        AlarmSeverity.HIGH,
        state,
        at,
        "bearing temperature " + state,
        Map.of());
  }

  private static List<WorkOrderEvent> awaitPublished(String wo, int count) {
    List<WorkOrderEvent> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (seen.size() < count && System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          WorkOrderEvent e = Codecs.WORK_ORDER_EVENT.decode(r.value());
          if (e.workOrderId().equals(wo)) {
            seen.add(e);
          }
        }
      }
    }
    return seen;
  }

  private static void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Duration backoff() {
    return Duration.ofMillis(200);
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "alarm-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
