package io.plantline.contracts.codec;

import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.energy.EnergyEvent;
import io.plantline.contracts.quality.QualityEvent;
import io.plantline.contracts.session.SessionEnded;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.telemetry.TelemetryReading;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;

/**
 * The strict JSON codec of each event type. All share these rules: UTF-8 JSON of at most {@link
 * EventCodec#MAX_PAYLOAD_BYTES} bytes holding one object; every required field present and not
 * null; no unknown fields; no duplicate keys; numbers finite and never coerced (no {@code "12"} for
 * 12, no {@code 1.0} for an integer); instants as ISO-8601 UTC strings; UUIDs in 8-4-4-4-12 form;
 * enums by constant name; {@code schemaVersion} among the type's supported versions. A payload
 * breaking a rule is rejected with a {@link io.plantline.contracts.ContractViolationException}
 * naming the field.
 */
public final class Codecs {

  /** {@link TelemetryBatch}, the payload of MQTT telemetry topics and {@code telemetry.raw.v1}. */
  public static final EventCodec<TelemetryBatch> TELEMETRY_BATCH = new TelemetryBatchCodec();

  /** {@link TelemetryReading}, one flattened telemetry point. */
  public static final EventCodec<TelemetryReading> TELEMETRY_READING = new TelemetryReadingCodec();

  /** {@link DeviceStatus}, the payload of MQTT status topics. */
  public static final EventCodec<DeviceStatus> DEVICE_STATUS = new DeviceStatusCodec();

  /** {@link AlarmEvent}, the payload of {@code alarms.v1}. */
  public static final EventCodec<AlarmEvent> ALARM_EVENT = new AlarmEventCodec();

  /** {@link AlarmCommand}, the payload of {@code alarms.commands.v1}. */
  public static final EventCodec<AlarmCommand> ALARM_COMMAND = new AlarmCommandCodec();

  /** {@link WorkOrderCommand}, the payload of {@code workorder.commands.v1}, typed by "type". */
  public static final EventCodec<WorkOrderCommand> WORK_ORDER_COMMAND = new WorkOrderCommandCodec();

  /** {@link WorkOrderEvent}, the payload of {@code workorder.events.v1}, typed by "type". */
  public static final EventCodec<WorkOrderEvent> WORK_ORDER_EVENT = new WorkOrderEventCodec();

  /** {@link SetpointCommand}, the payload of a device's MQTT {@code command} topic. */
  public static final EventCodec<SetpointCommand> SETPOINT_COMMAND = new SetpointCommandCodec();

  /** {@link SetpointResult}, the payload of a device's MQTT {@code command-result} topic. */
  public static final EventCodec<SetpointResult> SETPOINT_RESULT = new SetpointResultCodec();

  /** {@link EnergyEvent}, the payload of {@code energy.events.v1}. */
  public static final EventCodec<EnergyEvent> ENERGY_EVENT = new EnergyEventCodec();

  /** {@link QualityEvent}, the payload of {@code quality.events.v1}. */
  public static final EventCodec<QualityEvent> QUALITY_EVENT = new QualityEventCodec();

  /** {@link SessionEnded}, the payload of {@code console.sessions.v1}. */
  public static final EventCodec<SessionEnded> SESSION_ENDED = new SessionEndedCodec();

  private Codecs() {}
}
