package io.plantline.contracts.topic;

import java.util.List;
import java.util.Objects;

/**
 * What each Plantline component may do on Kafka, for a broker that allows nothing without an ACL
 * (the demo's, and Strimzi's {@code simple} authorization in the plant manifests): the topics it
 * reads and writes, the prefix of its consumer groups and of its transactional ids. The demo and
 * the Kubernetes manifests grant exactly this (the manifests' test compares its {@code KafkaUser}s
 * with it), so the bridge cannot read telemetry back, the console cannot read raw telemetry nor
 * write work orders, and no service writes another one's events.
 */
public final class KafkaGrants {
  private KafkaGrants() {}

  /**
   * One component's grants.
   *
   * @param component the component (the demo's name for it, and its principal there)
   * @param reads topics it consumes
   * @param writes topics it produces to (an idempotent producer needs nothing more since Kafka 3)
   * @param groupPrefix prefix of its consumer groups, or null if it consumes nothing
   * @param transactionalIdPrefix prefix of its transactional ids, or null if it has none
   */
  public record Grant(
      String component,
      List<String> reads,
      List<String> writes,
      String groupPrefix,
      String transactionalIdPrefix) {
    public Grant {
      Objects.requireNonNull(component, "component");
      reads = List.copyOf(reads);
      writes = List.copyOf(writes);
    }
  }

  /** Every component that talks to Kafka. */
  public static final List<Grant> COMPONENTS =
      List.of(
          new Grant(
              "bridge",
              List.of(),
              List.of(Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS, Topics.TELEMETRY_DLQ),
              null,
              null),
          new Grant(
              "writers",
              List.of(Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS),
              List.of(Topics.TELEMETRY_DLQ),
              "plantline-ingestion-",
              null),
          new Grant(
              "anomaly-job",
              List.of(Topics.TELEMETRY_RAW, Topics.ALARM_COMMANDS),
              List.of(Topics.ALARMS, Topics.WORK_ORDER_COMMANDS, Topics.TELEMETRY_DLQ),
              "plantline-stream-processing",
              "plantline-stream-processing"),
          new Grant(
              "scheduling",
              List.of(Topics.WORK_ORDER_COMMANDS, Topics.ALARMS, Topics.WORK_ORDER_EVENTS),
              List.of(Topics.WORK_ORDER_EVENTS),
              "plantline-scheduling",
              null),
          new Grant(
              "quality",
              List.of(Topics.TELEMETRY_RAW),
              List.of(Topics.QUALITY_EVENTS, Topics.ALARMS, Topics.WORK_ORDER_COMMANDS),
              "plantline-quality",
              null),
          new Grant(
              "energy",
              List.of(Topics.TELEMETRY_RAW),
              List.of(Topics.ENERGY_EVENTS, Topics.ALARMS),
              "plantline-energy",
              null),
          new Grant(
              "console",
              List.of(
                  Topics.ALARMS,
                  Topics.DEVICE_STATUS,
                  Topics.WORK_ORDER_EVENTS,
                  Topics.CONSOLE_SESSIONS),
              List.of(Topics.ALARM_COMMANDS, Topics.CONSOLE_SESSIONS),
              "plantline-console-",
              null));

  /** The grant of {@code component}. */
  public static Grant of(String component) {
    return COMPONENTS.stream()
        .filter(g -> g.component().equals(component))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Kafka grant for " + component));
  }
}
