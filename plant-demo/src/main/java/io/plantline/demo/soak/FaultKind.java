package io.plantline.demo.soak;

import java.util.Arrays;
import java.util.Locale;

/** The faults a soak injects, each several times, one at a time. */
public enum FaultKind {
  /** SIGKILL of one edge gateway (journal fsync as configured), then a restart. */
  GATEWAY_KILL,
  /** SIGKILL of the MQTT-to-Kafka bridge while messages are between MQTT receipt and Kafka ack. */
  BRIDGE_KILL,
  /** The MQTT broker stopped, then started again on the same port. */
  MQTT_RESTART,
  /** The Kafka broker stopped, then started again on the same ports and data. */
  KAFKA_RESTART,
  /** The Cassandra node frozen (SIGSTOP) for the outage time, then resumed. */
  CASSANDRA_OUTAGE,
  /** SIGKILL of the anomaly job's JVM, then a restart that restores the last checkpoint. */
  FLINK_CRASH,
  /** Modbus transport faults on some devices: garbled frames, no response, half-open, drops. */
  MODBUS_FAULTS;

  /** The name on the command line and in the report, e.g. {@code gateway-kill}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind named {@code name} (its {@link #wireName()}). */
  public static FaultKind fromWireName(String name) {
    return Arrays.stream(values())
        .filter(k -> k.wireName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown fault '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values()).map(FaultKind::wireName).toList()));
  }
}
