package io.plantline.contracts.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Golden JSON payloads, one per event type and per work-order command and event subtype, shipped in
 * this jar under {@code io/plantline/contracts/golden/<name>.json}. Producers' tests check they
 * write what a fixture holds; consumers' tests feed fixtures to their decoders. Both sides read the
 * same bytes, so they cannot drift apart.
 */
public final class GoldenFixtures {

  public static final String TELEMETRY_BATCH = "telemetry-batch";
  public static final String TELEMETRY_READING = "telemetry-reading";
  public static final String DEVICE_STATUS_BIRTH = "device-status-birth";
  public static final String DEVICE_STATUS_DEATH = "device-status-death";
  public static final String ALARM_EVENT = "alarm-event";
  public static final String ALARM_COMMAND_SHELVE = "alarm-command-shelve";
  public static final String SETPOINT_COMMAND = "setpoint-command";
  public static final String SETPOINT_RESULT_FAILED = "setpoint-result-failed";
  public static final String OPEN_WORK_ORDER = "open-work-order";
  public static final String ASSIGN_WORK_ORDER = "assign-work-order";
  public static final String START_WORK_ORDER = "start-work-order";
  public static final String COMPLETE_WORK_ORDER = "complete-work-order";
  public static final String CANCEL_WORK_ORDER = "cancel-work-order";
  public static final String WORK_ORDER_OPENED = "work-order-opened";
  public static final String WORK_ORDER_ASSIGNED = "work-order-assigned";
  public static final String WORK_ORDER_STARTED = "work-order-started";
  public static final String WORK_ORDER_COMPLETED = "work-order-completed";
  public static final String WORK_ORDER_CANCELLED = "work-order-cancelled";
  public static final String WORK_ORDER_OCCURRENCE_ATTACHED = "work-order-occurrence-attached";
  public static final String WORK_ORDER_COMMENTED = "work-order-commented";
  public static final String WORK_ORDER_VERIFIED = "work-order-verified";
  public static final String WORK_ORDER_PLANNED = "work-order-planned";
  public static final String ENERGY_EVENT = "energy-event";
  public static final String QUALITY_EVENT = "quality-event";
  public static final String SESSION_ENDED = "session-ended";

  /** An {@code OpenWorkOrder} as schema version 1 wrote it, which this build still reads. */
  public static final String OPEN_WORK_ORDER_V1 = "open-work-order-v1";

  /** A {@code WorkOrderOpened} as schema version 1 wrote it, which this build still reads. */
  public static final String WORK_ORDER_OPENED_V1 = "work-order-opened-v1";

  /** Every fixture name above. */
  public static final List<String> NAMES =
      List.of(
          TELEMETRY_BATCH,
          TELEMETRY_READING,
          DEVICE_STATUS_BIRTH,
          DEVICE_STATUS_DEATH,
          ALARM_EVENT,
          ALARM_COMMAND_SHELVE,
          SETPOINT_COMMAND,
          SETPOINT_RESULT_FAILED,
          SESSION_ENDED,
          OPEN_WORK_ORDER,
          ASSIGN_WORK_ORDER,
          START_WORK_ORDER,
          COMPLETE_WORK_ORDER,
          CANCEL_WORK_ORDER,
          WORK_ORDER_OPENED,
          WORK_ORDER_ASSIGNED,
          WORK_ORDER_STARTED,
          WORK_ORDER_COMPLETED,
          WORK_ORDER_CANCELLED,
          WORK_ORDER_OCCURRENCE_ATTACHED,
          WORK_ORDER_COMMENTED,
          WORK_ORDER_VERIFIED,
          WORK_ORDER_PLANNED,
          ENERGY_EVENT,
          QUALITY_EVENT,
          OPEN_WORK_ORDER_V1,
          WORK_ORDER_OPENED_V1);

  private GoldenFixtures() {}

  /** The fixture's bytes, UTF-8 JSON. */
  public static byte[] bytes(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no golden fixture '" + name + "'; known: " + NAMES);
    }
    String resource = name + ".json";
    try (InputStream in = GoldenFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("golden fixture missing from the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden fixture " + resource, e);
    }
  }

  /** The fixture as text. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
