package io.plantline.ingestion.bridge;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.contracts.topic.Topics;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where one MQTT message goes and completes once it may be acknowledged: a valid batch to
 * {@code telemetry.raw.v1} (its original bytes, key deviceId) unless it is a duplicate; a gap it
 * reveals as a {@link DeviceState#GAP} status on {@code device.status.v1}; a valid status to {@code
 * device.status.v1} (at once when the batch makes it certain, otherwise from {@link #reportDueGaps}
 * after the grace period); anything else to {@code telemetry.dlq.v1} with the rejection in headers.
 * The returned future succeeds only after every record it produced was acknowledged by Kafka; a
 * duplicate of a batch still being forwarded completes with that batch. Runs on one event loop.
 */
final class MessageForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(MessageForwarder.class);

  private final PayloadValidator validator;
  private final SequenceTracker tracker;
  private final KafkaSender sender;
  private final BridgeMetrics metrics;
  private final String rejectedBy;
  private final Map<BatchKey, Future<Void>> pending = new HashMap<>();

  MessageForwarder(
      PayloadValidator validator,
      SequenceTracker tracker,
      KafkaSender sender,
      BridgeMetrics metrics,
      String rejectedBy) {
    this.validator = validator;
    this.tracker = tracker;
    this.sender = sender;
    this.metrics = metrics;
    this.rejectedBy = rejectedBy;
  }

  /** Forwards a message; the future succeeds once it may be acknowledged on MQTT. */
  Future<Void> forward(String topicName, byte[] payload) {
    Verdict verdict = validator.validate(topicName, payload);
    if (verdict instanceof Verdict.Telemetry t) {
      return telemetry(t.topic(), t.batch(), payload);
    }
    if (verdict instanceof Verdict.Status s) {
      return status(s.topic(), s.status(), payload);
    }
    return deadLetter(topicName, ((Verdict.Rejected) verdict).rejection(), payload);
  }

  private Future<Void> telemetry(MqttTopic topic, TelemetryBatch batch, byte[] payload) {
    metrics.received(MqttTopic.Kind.TELEMETRY);
    BatchKey key = new BatchKey(batch.deviceId(), batch.bootEpoch(), batch.seq());
    Observation seen =
        tracker.observe(
            new Source(topic.siteId(), topic.areaId(), batch.deviceId()),
            batch.bootEpoch(),
            batch.seq(),
            System.currentTimeMillis());
    if (!seen.forward()) {
      metrics.duplicate();
      Future<Void> original = pending.get(key);
      return original == null ? Future.succeededFuture() : original;
    }
    switch (seen.outcome()) {
      case LATE_FILL -> metrics.lateFill();
      case REORDERED -> metrics.reordered();
      default -> metrics.unchecked(seen.outcome());
    }
    Future<Void> sent =
        timed(new ProducerRecord<>(Topics.TELEMETRY_RAW, batch.deviceId(), payload));
    if (!seen.gaps().isEmpty()) {
      sent = Future.all(sent, reportGaps(seen.gaps())).mapEmpty();
    }
    Future<Void> done =
        sent.onSuccess(v -> metrics.forwarded(MqttTopic.Kind.TELEMETRY))
            .onFailure(
                e -> {
                  metrics.kafkaFailure();
                  tracker.forget(key.deviceId(), key.bootEpoch(), key.seq());
                })
            .andThen(r -> pending.remove(key));
    pending.put(key, done);
    return done;
  }

  /**
   * Publishes a GAP status event for each gap; succeeds when Kafka acknowledged them all. Used for
   * the gaps a batch made certain and, from a timer, for those whose grace period has passed.
   */
  Future<Void> reportGaps(List<Gap> gaps) {
    List<Future<Void>> sends = new ArrayList<>(gaps.size());
    for (Gap gap : gaps) {
      metrics.gap(gap);
      LOG.warn("{} boot {}: {}", gap.deviceId(), gap.bootEpoch(), gap.reason());
      sends.add(timed(gapRecord(gap)));
    }
    return Future.all(sends).mapEmpty();
  }

  /** Publishes the gaps whose grace period has passed by {@code nowMillis}. */
  void reportDueGaps(long nowMillis) {
    List<Gap> due = tracker.confirmDue(nowMillis);
    if (!due.isEmpty()) {
      reportGaps(due)
          .onFailure(
              e -> {
                metrics.kafkaFailure();
                LOG.warn("GAP status events not all published: {}", e.getMessage());
              });
    }
  }

  private Future<Void> status(MqttTopic topic, DeviceStatus status, byte[] payload) {
    metrics.received(MqttTopic.Kind.STATUS);
    return timed(new ProducerRecord<>(Topics.DEVICE_STATUS, status.deviceId(), payload))
        .onSuccess(v -> metrics.forwarded(MqttTopic.Kind.STATUS))
        .onFailure(e -> metrics.kafkaFailure());
  }

  private Future<Void> deadLetter(String topicName, Rejection rejection, byte[] payload) {
    metrics.received(kindOf(topicName));
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.CATEGORY, utf8(rejection.category().label()));
    headers.add(DeadLetterHeaders.REASON, utf8(rejection.reason()));
    headers.add(DeadLetterHeaders.FIELD, utf8(rejection.field()));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topicName));
    headers.add(DeadLetterHeaders.RECEIVED_AT, utf8(Instant.now().toString()));
    headers.add(DeadLetterHeaders.REJECTED_BY, utf8(rejectedBy));
    LOG.debug(
        "dead letter from {}: {} {}: {}",
        topicName,
        rejection.category().label(),
        rejection.field(),
        rejection.reason());
    return timed(
            new ProducerRecord<>(
                Topics.TELEMETRY_DLQ, null, rejection.deviceId().orElse(null), payload, headers))
        .onSuccess(v -> metrics.rejected(rejection.category()))
        .onFailure(e -> metrics.kafkaFailure());
  }

  private Future<Void> timed(ProducerRecord<String, byte[]> record) {
    long start = System.nanoTime();
    return sender
        .send(record)
        .onSuccess(m -> metrics.kafkaAck(System.nanoTime() - start))
        .mapEmpty();
  }

  private static ProducerRecord<String, byte[]> gapRecord(Gap gap) {
    DeviceStatus status =
        new DeviceStatus(
            UUID.randomUUID(),
            DeviceStatus.SCHEMA_VERSION,
            gap.deviceId(),
            gap.source().siteId(),
            gap.source().areaId(),
            DeviceState.GAP,
            gap.bootEpoch(),
            Instant.now(),
            gap.reason());
    return new ProducerRecord<>(
        Topics.DEVICE_STATUS, gap.deviceId(), Codecs.DEVICE_STATUS.encode(status));
  }

  private static MqttTopic.Kind kindOf(String topicName) {
    for (MqttTopic.Kind kind : MqttTopic.Kind.values()) {
      if (topicName != null && topicName.endsWith("/" + kind.segment())) {
        return kind;
      }
    }
    return null;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private record BatchKey(String deviceId, long bootEpoch, long seq) {}
}
