package io.plantline.gateway.adapter.out.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.gateway.journal.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The uplink's reaction to a failed send, with Kafka's own in-memory producer completing sends by
 * hand (the real broker paths are in the gateway ITs).
 */
class KafkaUplinkTest {
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final KafkaUplink uplink = new KafkaUplink(producer, "telemetry.raw.v1");
  private final List<Long> acked = new ArrayList<>();
  private final AtomicInteger resends = new AtomicInteger();

  KafkaUplinkTest() {
    uplink.onResendNeeded(resends::incrementAndGet);
  }

  private void send(long index) {
    uplink.send(
        new JournalRecord(index, "press-07", "{}".getBytes(StandardCharsets.UTF_8), 0),
        () -> acked.add(index));
  }

  @Test
  void shouldStopOnAFailedSendAndAskForTheResendOnlyOnceEverythingInFlightSettled() {
    send(1);
    send(2);
    send(3);
    int roomBefore = uplink.room();

    producer.errorNext(new TimeoutException("delivery timeout"));

    assertThat(uplink.room()).as("no new record after a failure").isZero();
    send(4);
    assertThat(producer.history()).as("record 4 not handed to the producer").hasSize(3);
    assertThat(resends).as("records 2 and 3 still in flight").hasValue(0);

    producer.completeNext();
    assertThat(resends).hasValue(0);
    producer.completeNext();

    assertThat(resends).as("resend asked once, after the last settled").hasValue(1);
    assertThat(acked).containsExactly(2L, 3L);
    assertThat(uplink.lostInFlight()).isEqualTo(1);
    assertThat(uplink.inFlight()).isZero();
    assertThat(uplink.room()).isEqualTo(roomBefore + 3);
  }

  @Test
  void shouldAskForTheResendAtOnceWhenNothingElseIsInFlight() {
    send(1);

    producer.errorNext(new TimeoutException("delivery timeout"));

    assertThat(resends).hasValue(1);
    assertThat(uplink.room()).isPositive();
    send(1);
    producer.completeNext();
    assertThat(acked).containsExactly(1L);
  }
}
