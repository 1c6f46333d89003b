package io.plantline.console.adapter.in.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.AlarmView;
import io.plantline.console.domain.Alarms;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.LiveUpdates;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

class ConsoleEventConsumerTest {
  private static final Instant T = Instant.parse("2026-01-10T08:00:00Z");

  private final AlarmBook alarms = new AlarmBook(100);
  private final DeviceDirectory directory = new DeviceDirectory(100);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final List<String> live = new ArrayList<>();
  private final LiveUpdates updates =
      new LiveUpdates() {
        @Override
        public void alarm(AlarmView alarm) {
          live.add("alarm " + alarm.alarmId() + " " + alarm.state() + " wo=" + alarm.workOrderId());
        }

        @Override
        public void deviceStatus(DeviceStatus status) {
          live.add("status " + status.deviceId() + " " + status.state());
        }

        @Override
        public void workOrder(WorkOrderEvent event, String siteId) {
          live.add(
              "wo " + event.workOrderId() + " " + event.getClass().getSimpleName() + " " + siteId);
        }
      };
  private final io.plantline.console.domain.SessionRevocations revocations =
      new io.plantline.console.domain.SessionRevocations(100, () -> T);
  private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("earliest");
  private final ConsoleEventConsumer consumer =
      new ConsoleEventConsumer(kafka, alarms, directory, updates, revocations, metrics);

  private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, 0, key, value);
  }

  @Test
  void shouldKeepAlarmsDeviceSitesAndWorkOrderLinksAndAnnounceThem() {
    var raised =
        Alarms.event(
            "alm-1", "motor-1", "site-2", AlarmState.RAISED, AlarmSeverity.HIGH, T, Map.of());
    var opened =
        new WorkOrderOpened(
            UUID.randomUUID(),
            2,
            "wo-1",
            "motor-1",
            1,
            T.plusSeconds(1),
            UUID.randomUUID(),
            "site-2",
            WorkOrderPriority.HIGH,
            "alm-1",
            "winding-overtemperature",
            "check winding",
            Map.of());
    var started =
        new WorkOrderStarted(
            UUID.randomUUID(), 2, "wo-1", "motor-1", 2, T.plusSeconds(2), UUID.randomUUID());
    var birth =
        new DeviceStatus(
            UUID.randomUUID(), 1, "pump-9", "site-3", "area-4", DeviceState.BIRTH, 7, T, null);

    consumer.handle(record(Topics.ALARMS, "motor-1", Codecs.ALARM_EVENT.encode(raised)));
    consumer.handle(
        record(Topics.WORK_ORDER_EVENTS, "motor-1", Codecs.WORK_ORDER_EVENT.encode(opened)));
    consumer.handle(
        record(Topics.WORK_ORDER_EVENTS, "motor-1", Codecs.WORK_ORDER_EVENT.encode(started)));
    consumer.handle(record(Topics.DEVICE_STATUS, "pump-9", Codecs.DEVICE_STATUS.encode(birth)));

    assertThat(alarms.get("alm-1").orElseThrow().workOrderId()).isEqualTo("wo-1");
    assertThat(directory.get("pump-9").orElseThrow().siteId()).isEqualTo("site-3");
    assertThat(live)
        .containsExactly(
            "alarm alm-1 RAISED wo=null",
            "alarm alm-1 RAISED wo=wo-1",
            "wo wo-1 WorkOrderOpened site-2",
            "wo wo-1 WorkOrderStarted site-2",
            "status pump-9 BIRTH");
  }

  private static byte[] sessionEnded(String sessionId) {
    return Codecs.SESSION_ENDED.encode(
        new io.plantline.contracts.session.SessionEnded(
            1, sessionId, "operator-7", T, T.plusSeconds(3600)));
  }

  /**
   * Logouts on any replica reach this one through the topic; it is ready only once it has read the
   * logouts that were on the topic when it was assigned.
   */
  @Test
  void shouldRefuseSessionsEndedOnAnyReplicaAndBeReadyOnlyOnceTheEarlierLogoutsAreRead() {
    org.apache.kafka.common.TopicPartition sessions =
        new org.apache.kafka.common.TopicPartition(Topics.CONSOLE_SESSIONS, 0);
    org.apache.kafka.common.TopicPartition alarmsPartition =
        new org.apache.kafka.common.TopicPartition(Topics.ALARMS, 0);
    kafka.schedulePollTask(
        () -> {
          kafka.rebalance(java.util.List.of(sessions, alarmsPartition));
          kafka.updateBeginningOffsets(Map.of(sessions, 0L, alarmsPartition, 0L));
          kafka.updateEndOffsets(Map.of(sessions, 2L, alarmsPartition, 0L));
          kafka.addRecord(
              new ConsumerRecord<>(Topics.CONSOLE_SESSIONS, 0, 0, "s1", sessionEnded("s1")));
        });
    consumer.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> revocations.isEnded("s1"));
      org.awaitility.Awaitility.await()
          .during(java.time.Duration.ofMillis(1200))
          .atMost(java.time.Duration.ofSeconds(3))
          .until(() -> consumer.assigned() && !consumer.ready());
      kafka.schedulePollTask(
          () ->
              kafka.addRecord(
                  new ConsumerRecord<>(Topics.CONSOLE_SESSIONS, 0, 1, "s2", sessionEnded("s2"))));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(consumer::ready);
      assertThat(revocations.isEnded("s2")).isTrue();
      assertThat(revocations.isEnded("s3")).isFalse();
    } finally {
      consumer.close();
    }
  }

  @Test
  void shouldCountAndSkipMalformedRecords() {
    consumer.handle(record(Topics.ALARMS, "x", "{not json".getBytes(StandardCharsets.UTF_8)));
    consumer.handle(record(Topics.ALARMS, "x", null));
    consumer.handle(record(Topics.DEVICE_STATUS, "x", "{}".getBytes(StandardCharsets.UTF_8)));
    consumer.handle(
        record(Topics.CONSOLE_SESSIONS, "x", "{\"sessionId\":1}".getBytes(StandardCharsets.UTF_8)));
    var ok = Alarms.event("alm-2", "m", "s", AlarmState.RAISED, AlarmSeverity.LOW, T, Map.of());
    consumer.handle(record(Topics.ALARMS, "m", Codecs.ALARM_EVENT.encode(ok)));

    assertThat(metrics.counter("plantline.console.kafka.malformed", "topic", Topics.ALARMS).count())
        .isEqualTo(2);
    assertThat(
            metrics
                .counter("plantline.console.kafka.malformed", "topic", Topics.DEVICE_STATUS)
                .count())
        .isEqualTo(1);
    assertThat(
            metrics
                .counter("plantline.console.kafka.malformed", "topic", Topics.CONSOLE_SESSIONS)
                .count())
        .isEqualTo(1);
    assertThat(alarms.get("alm-2")).isPresent();
  }
}
