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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka uplink: an idempotent producer with {@code acks=all}, key = deviceId (so each device
 * stays ordered in its partition), acknowledged to the journal from the send callback. A failed
 * send (delivery timeout) makes the forwarder send again what Kafka has not acknowledged.
 */
public final class KafkaUplink implements Uplink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);
  private static final int MAX_IN_FLIGHT = 10_000;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong lostInFlight = new AtomicLong();
  private final List<Runnable> resendCallbacks = new CopyOnWriteArrayList<>();

  public KafkaUplink(KafkaUplinkConfig config, String gatewayId) {
    Map<String, Object> props = new HashMap<>(config.clientProperties());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "plantline-gateway-" + gatewayId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = config.topic();
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
    return MAX_IN_FLIGHT - outstanding.get();
  }

  @Override
  public void send(JournalRecord record, Runnable acked) {
    outstanding.incrementAndGet();
    producer.send(
        new ProducerRecord<>(topic, record.key(), record.payload()),
        (metadata, error) -> {
          outstanding.decrementAndGet();
          if (error == null) {
            acked.run();
          } else {
            lostInFlight.incrementAndGet();
            LOG.warn(
                "Kafka did not take record {}: {}; it will be sent again",
                record.index(),
                error.toString());
            resendCallbacks.forEach(Runnable::run);
          }
        });
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
