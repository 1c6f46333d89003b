package io.plantline.contracts.topic;

import java.util.List;
import java.util.Map;

/**
 * Kafka topic names. Names say what flows, carry a version, and never a class name; records are
 * keyed by device id so that each device's events stay in order.
 */
public final class Topics {

  /** {@code TelemetryBatch} from the gateways and the MQTT bridge. */
  public static final String TELEMETRY_RAW = "telemetry.raw.v1";

  /** Telemetry payloads rejected by a consumer, with the violation in the record headers. */
  public static final String TELEMETRY_DLQ = "telemetry.dlq.v1";

  /**
   * {@code DeviceStatus} (birth, death, quarantine, gap) from the gateways via the MQTT bridge; the
   * history writer keeps the device registry from it.
   */
  public static final String DEVICE_STATUS = "device.status.v1";

  /** {@code AlarmEvent} from the stream-processing jobs. */
  public static final String ALARMS = "alarms.v1";

  /** Operator commands on alarms (acknowledge, shelve). */
  public static final String ALARM_COMMANDS = "alarms.commands.v1";

  /** {@code WorkOrderCommand} for the scheduling service. */
  public static final String WORK_ORDER_COMMANDS = "workorder.commands.v1";

  /** {@code WorkOrderEvent} published by the scheduling service. */
  public static final String WORK_ORDER_EVENTS = "workorder.events.v1";

  /** Events of the quality service (SPC rule violations). */
  public static final String QUALITY_EVENTS = "quality.events.v1";

  /** Events of the energy service (peak demand, budget overruns). */
  public static final String ENERGY_EVENTS = "energy.events.v1";

  /**
   * {@code SessionEnded}: console login sessions ended by a logout, keyed by session id; compacted,
   * read from its start by every console replica so that a logout holds across replicas and
   * restarts.
   */
  public static final String CONSOLE_SESSIONS = "console.sessions.v1";

  /** Every topic above, for creating them in tests and deployments. */
  public static final List<String> ALL =
      List.of(
          TELEMETRY_RAW,
          TELEMETRY_DLQ,
          DEVICE_STATUS,
          ALARMS,
          ALARM_COMMANDS,
          WORK_ORDER_COMMANDS,
          WORK_ORDER_EVENTS,
          QUALITY_EVENTS,
          ENERGY_EVENTS,
          CONSOLE_SESSIONS);

  /** How long a logout is kept: twice the longest console session (12 h). */
  private static final String CONSOLE_SESSIONS_RETENTION_MS = Long.toString(24 * 3_600_000L);

  /**
   * Topic-level settings a topic needs wherever it is created (the demo's broker, the plant's
   * KafkaTopics): a logout is kept per session (compaction) and no longer than any token it ends
   * could be used; other topics take the broker's defaults.
   */
  public static Map<String, String> config(String topic) {
    if (CONSOLE_SESSIONS.equals(topic)) {
      return Map.of(
          "cleanup.policy", "compact,delete", "retention.ms", CONSOLE_SESSIONS_RETENTION_MS);
    }
    return Map.of();
  }

  private Topics() {}
}
