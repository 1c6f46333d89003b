package io.plantline.gateway.adapter.out.kafka;

import io.plantline.gateway.app.config.KafkaUplinkConfig;
import io.plantline.gateway.forward.Uplink;
import io.plantline.gateway.journal.JournalRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka uplink: an idempotent producer with {@code acks=all}, key = deviceId (so each device
 * stays ordered in its partition), acknowledged to the journal from the send callback.
 *
 * <p>A failed send (delivery timeout while Kafka was away) stops the uplink: it takes no new record
 * until every send already handed to the producer has been settled, and only then asks the
 * forwarder to send again, in journal order, what Kafka has not acknowledged. Sending on after a
 * failure would put later records of a device ahead of the failed one. Records that were already in
 * flight with the failed one and are acknowledged after it still land ahead of its resend;
 * consumers dedup by (deviceId, bootEpoch, seq) and order by event time.
 */
public final class KafkaUplink implements Uplink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);
  private static final int MAX_IN_FLIGHT = 10_000;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong lostInFlight = new AtomicLong();
  private final List<Runnable> resendCallbacks = new CopyOnWriteArrayList<>();
  private final Object settling = new Object();
  private boolean stopped; // guarded by settling

  public KafkaUplink(KafkaUplinkConfig config, String gatewayId) {
    this(producer(config, gatewayId), config.topic());
  }

  /** An uplink over {@code producer}, which it closes. */
  KafkaUplink(Producer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  private static Producer<String, byte[]> producer(KafkaUplinkConfig config, String gatewayId) {
    Map<String, Object> props = new HashMap<>(config.clientProperties());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "plantline-gateway-" + gatewayId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public boolean ready() {
    return true; // the producer buffers and retries while brokers are away
  }

  @Override
  public long lostInFlight() {
    return lostInFlight.get();
  }

  @Override
  public int inFlight() {
    return outstanding.get();
  }

  @Override
  public int room() {
    synchronized (settling) {
      return stopped ? 0 : MAX_IN_FLIGHT - outstanding.get();
    }
  }

  @Override
  public void send(JournalRecord record, Runnable acked) {
    synchronized (settling) {
      if (stopped) {
        return; // never acknowledged: sent again after the resend
      }
      outstanding.incrementAndGet();
    }
    producer.send(
        new ProducerRecord<>(topic, record.key(), record.payload()),
        (metadata, error) -> settle(record, error, acked));
  }

  private void settle(JournalRecord record, Exception error, Runnable acked) {
    if (error == null) {
      acked.run();
    } else {
      lostInFlight.incrementAndGet();
      LOG.warn(
          "Kafka did not take record {}: {}; the uplink stops until what is in flight settles,"
              + " then sends again from the oldest unacknowledged record",
          record.index(),
          error.toString());
    }
    boolean resend;
    synchronized (settling) {
      if (error != null) {
        stopped = true;
      }
      resend = outstanding.decrementAndGet() == 0 && stopped;
      if (resend) {
        stopped = false;
      }
    }
    if (resend) {
      resendCallbacks.forEach(Runnable::run);
    }
  }

  @Override
  public void onResendNeeded(Runnable callback) {
    resendCallbacks.add(callback);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
