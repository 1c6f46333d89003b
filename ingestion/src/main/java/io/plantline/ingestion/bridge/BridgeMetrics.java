package io.plantline.ingestion.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.plantline.contracts.topic.MqttTopic;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bridge's meters, all with low-cardinality labels (never a device id): messages received,
 * forwarded and dropped as duplicates; rejections by {@link RejectionCategory}; missing batches and
 * gap events; late fills and unchecked batches; Kafka acknowledgement latency and MQTT-receipt to
 * Kafka-acknowledgement latency (histograms with p50/p99); messages in flight.
 */
public final class BridgeMetrics {
  private final MeterRegistry registry;
  private final Map<MqttTopic.Kind, Counter> received = new EnumMap<>(MqttTopic.Kind.class);
  private final Map<MqttTopic.Kind, Counter> forwarded = new EnumMap<>(MqttTopic.Kind.class);
  private final Map<RejectionCategory, Counter> rejected = new EnumMap<>(RejectionCategory.class);
  private final Map<Observation.Outcome, Counter> unchecked =
      new EnumMap<>(Observation.Outcome.class);
  private final Counter receivedUnknown;
  private final Counter duplicates;
  private final Counter missingBatches;
  private final Counter gapEvents;
  private final Counter lateFills;
  private final Counter reordered;
  private final Counter kafkaFailures;
  private final Timer kafkaAck;
  private final Timer receiptToAck;

  /** Registers the meters in {@code registry}. */
  public BridgeMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (MqttTopic.Kind kind : MqttTopic.Kind.values()) {
      received.put(
          kind,
          Counter.builder("plantline.bridge.received")
              .description("MQTT messages received")
              .tag("kind", kind.segment())
              .register(registry));
      forwarded.put(
          kind,
          Counter.builder("plantline.bridge.forwarded")
              .description("Messages acknowledged by Kafka on their target topic")
              .tag("kind", kind.segment())
              .register(registry));
    }
    receivedUnknown =
        Counter.builder("plantline.bridge.received")
            .description("MQTT messages received")
            .tag("kind", "unknown")
            .register(registry);
    for (RejectionCategory category : RejectionCategory.values()) {
      rejected.put(
          category,
          Counter.builder("plantline.bridge.rejected")
              .description("Messages sent to the dead-letter topic, by reason")
              .tag("reason", category.label())
              .register(registry));
    }
    for (Observation.Outcome outcome :
        new Observation.Outcome[] {
          Observation.Outcome.BEYOND_WINDOW, Observation.Outcome.UNTRACKED_EPOCH
        }) {
      unchecked.put(
          outcome,
          Counter.builder("plantline.bridge.dedup.unchecked")
              .description("Batches forwarded without a dedup verdict (too old to tell)")
              .tag("why", outcome.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    duplicates =
        Counter.builder("plantline.bridge.duplicates.dropped")
            .description("Telemetry batches dropped because already forwarded")
            .register(registry);
    missingBatches =
        Counter.builder("plantline.bridge.gap.missing.batches")
            .description("Telemetry batches found missing by sequence number")
            .register(registry);
    gapEvents =
        Counter.builder("plantline.bridge.gap.events")
            .description("GAP status events published")
            .register(registry);
    lateFills =
        Counter.builder("plantline.bridge.gap.late.fills")
            .description("Batches reported missing that arrived later and were forwarded")
            .register(registry);
    reordered =
        Counter.builder("plantline.bridge.gap.reordered")
            .description(
                "Batches that arrived after later ones of their source, within the gap grace period")
            .register(registry);
    kafkaFailures =
        Counter.builder("plantline.bridge.kafka.failures")
            .description("Kafka sends that failed; their MQTT messages stay unacknowledged")
            .register(registry);
    kafkaAck =
        Timer.builder("plantline.bridge.kafka.ack.latency")
            .description("From the Kafka send to its acknowledgement")
            .publishPercentileHistogram()
            .publishPercentiles(0.5, 0.99)
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    receiptToAck =
        Timer.builder("plantline.bridge.receipt.to.ack.latency")
            .description("From MQTT receipt to the Kafka acknowledgement that releases the PUBACK")
            .publishPercentileHistogram()
            .publishPercentiles(0.5, 0.99)
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
  }

  /** Registers gauges for messages in flight, tracked devices and the MQTT connection. */
  public void bindGauges(
      Supplier<Number> inflight, Supplier<Number> trackedDevices, Supplier<Boolean> connected) {
    Gauge.builder("plantline.bridge.inflight", inflight, s -> s.get().doubleValue())
        .description("MQTT messages received and not yet acknowledged")
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            "plantline.bridge.dedup.tracked.devices", trackedDevices, s -> s.get().doubleValue())
        .strongReference(true)
        .register(registry);
    Gauge.builder("plantline.bridge.mqtt.connected", connected, s -> s.get() ? 1 : 0)
        .strongReference(true)
        .register(registry);
  }

  void received(MqttTopic.Kind kind) {
    (kind == null ? receivedUnknown : received.get(kind)).increment();
  }

  void forwarded(MqttTopic.Kind kind) {
    forwarded.get(kind).increment();
  }

  void rejected(RejectionCategory category) {
    rejected.get(category).increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void gap(Gap gap) {
    missingBatches.increment(gap.missingBatches());
    gapEvents.increment();
  }

  void lateFill() {
    lateFills.increment();
  }

  void reordered() {
    reordered.increment();
  }

  void unchecked(Observation.Outcome outcome) {
    Counter counter = unchecked.get(outcome);
    if (counter != null) {
      counter.increment();
    }
  }

  void kafkaFailure() {
    kafkaFailures.increment();
  }

  void kafkaAck(long nanos) {
    kafkaAck.record(nanos, TimeUnit.NANOSECONDS);
  }

  void receiptToAck(long nanos) {
    receiptToAck.record(nanos, TimeUnit.NANOSECONDS);
  }
}
