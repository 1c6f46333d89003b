package io.plantline.contracts;

import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.telemetry.TelemetryReading;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCancelled;
import io.plantline.contracts.workorder.WorkOrderCommented;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderStarted;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The records the golden fixtures hold, written out by hand. */
public final class Samples {

  public static final long BOOT_EPOCH = 1795586282L;
  public static final String REASON =
      "Inspect the hydraulic oil cooler of press 07: temperature above 90 °C for 5 minutes";
  public static final String NOTES =
      "Replaced the clogged oil cooler filter.\nTemperature back to 68 °C under load.";
  public static final String WORK_ORDER = "WO-2026-000183";
  public static final String ALARM = "alm-press-07-000183";
  public static final String RULE = "temperature-high-sustained";

  /** Evidence of the sample work order: the alarm's figures. */
  public static final Map<String, Double> EVIDENCE =
      Map.of(
          "temperature.max", 95.1,
          "temperature.mean", 92.4,
          "temperature.min", 90.3,
          "threshold", 90.0,
          "window.seconds", 300.0);

  private Samples() {}

  public static Instant at(String text) {
    return Instant.parse(text);
  }

  public static UUID id(String text) {
    return UUID.fromString(text);
  }

  public static TelemetryBatch telemetryBatch() {
    Instant first = at("2026-11-25T10:15:30.100Z");
    Instant second = at("2026-11-25T10:15:30.104Z");
    return new TelemetryBatch(
        id("3f1c2a9e-8b4d-4f6a-9c1e-2d7b5a0e4c11"),
        1,
        "press-07",
        "plant-a",
        "stamping",
        BOOT_EPOCH,
        4711,
        at("2026-11-25T10:15:30.123Z"),
        List.of(
            new BatchReading("temperature", 71.25, "°C", Quality.GOOD, first),
            new BatchReading("hydraulic.pressure", 182.4, "bar", Quality.GOOD, first),
            new BatchReading("spindle.vibration_rms", 3.7, "mm/s", Quality.UNCERTAIN, second),
            new BatchReading("stroke.count", 128934.0, "1", Quality.GOOD, second)));
  }

  public static TelemetryReading telemetryReading() {
    return new TelemetryReading(
        id("c69bc275-b6a5-3241-9c5b-de7461cef606"),
        1,
        "press-07",
        "plant-a",
        "stamping",
        "temperature",
        71.25,
        "°C",
        Quality.GOOD,
        at("2026-11-25T10:15:30.100Z"),
        at("2026-11-25T10:15:30.123Z"),
        BOOT_EPOCH,
        4711);
  }

  public static DeviceStatus deviceBirth() {
    return new DeviceStatus(
        id("c7e4a1d2-3b5f-4e8a-8d6c-9f0b1a2e3d44"),
        1,
        "press-07",
        "plant-a",
        "stamping",
        DeviceState.BIRTH,
        BOOT_EPOCH,
        at("2026-11-25T05:58:04.512Z"),
        null);
  }

  public static DeviceStatus deviceDeath() {
    return new DeviceStatus(
        id("0d9e8f7a-6b5c-4d3e-a2f1-e0d9c8b7a655"),
        1,
        "press-07",
        "plant-a",
        "stamping",
        DeviceState.DEATH,
        BOOT_EPOCH,
        at("2026-11-25T05:58:04.512Z"),
        "connection lost (last will)");
  }

  public static AlarmEvent alarmEvent() {
    return new AlarmEvent(
        id("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d88"),
        1,
        ALARM,
        "press-07",
        "plant-a",
        "stamping",
        RULE,
        AlarmSeverity.HIGH,
        AlarmState.RAISED,
        at("2026-11-25T10:20:30Z"),
        "Temperature above 90.0 °C for 5 minutes",
        Map.of(
            "temperature.max", 95.1,
            "temperature.mean", 92.4,
            "threshold", 90.0,
            "window.seconds", 300.0));
  }

  public static io.plantline.contracts.energy.EnergyEvent energyEvent() {
    return new io.plantline.contracts.energy.EnergyEvent(
        id("0c6f7e2a-5d41-3b8e-9a10-2f4b6c8d0e12"),
        1,
        io.plantline.contracts.energy.EnergyEventKind.PEAK_DEMAND_FORECAST,
        "press-line-meter",
        "plant-a",
        null,
        at("2026-11-25T10:15:00Z"),
        at("2026-11-25T10:30:00Z"),
        at("2026-11-25T10:21:30Z"),
        "Interval demand forecast 162.4 kW above the 150.0 kW target: shed 21.3 kW",
        Map.of("predicted.kw", 162.4, "reduction.kw", 21.3, "target.kw", 150.0));
  }

  public static io.plantline.contracts.quality.QualityEvent qualityEvent() {
    return new io.plantline.contracts.quality.QualityEvent(
        id("7d3e9a51-2c4b-3f8e-b6a1-0e2d4c6f8a13"),
        1,
        io.plantline.contracts.quality.QualityEventKind.VIOLATION_RAISED,
        "bore-diameter",
        "bore-gauge",
        "plant-a",
        "quality",
        "measured_dimension_mm",
        "WE2",
        "XBAR_R",
        "spc-1b7f0c2e-8d4a-3e6b-9f15-7a2c4e6b8d01",
        1,
        142,
        List.of(140L, 142L),
        at("2026-11-25T11:47:20Z"),
        "bore-diameter: WE2 2 of 3 points beyond 2σ on one side",
        Map.of("cl", 25.0004, "lcl", 24.9951, "ucl", 25.0057, "value", 25.0049));
  }

  public static AlarmCommand shelveAlarm() {
    return new AlarmCommand(
        id("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"),
        1,
        AlarmAction.SHELVE,
        ALARM,
        "press-07",
        RULE,
        "operator-17",
        at("2026-11-25T12:00:00Z"),
        "Cooler service booked for noon",
        at("2026-11-25T10:25:00Z"));
  }

  public static SetpointCommand setpointCommand() {
    return new SetpointCommand(
        id("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
        1,
        "press-07",
        "speed_setpoint_rpm",
        1450.0,
        "operator-17",
        at("2026-11-25T10:30:00Z"),
        at("2026-11-25T10:31:00Z"));
  }

  public static SetpointResult setpointResultFailed() {
    return new SetpointResult(
        id("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
        1,
        "press-07",
        "speed_setpoint_rpm",
        SetpointOutcome.FAILED,
        "Modbus exception 4 (slave device failure)",
        at("2026-11-25T10:30:00.184Z"));
  }

  public static io.plantline.contracts.session.SessionEnded sessionEnded() {
    return new io.plantline.contracts.session.SessionEnded(
        1,
        "9f2c4e1ab37d4c55",
        "operator-7",
        at("2026-11-25T10:31:12.500Z"),
        at("2026-11-25T21:58:03Z"));
  }

  public static OpenWorkOrder openWorkOrder() {
    return new OpenWorkOrder(
        command(1),
        2,
        WORK_ORDER,
        "plant-a",
        "press-07",
        WorkOrderPriority.HIGH,
        ALARM,
        RULE,
        REASON,
        EVIDENCE,
        at("2026-11-25T10:20:31.004Z"));
  }

  /** The same command as a schema version 1 producer wrote it: no evidence. */
  public static OpenWorkOrder openWorkOrderVersion1() {
    return new OpenWorkOrder(
        command(1),
        1,
        WORK_ORDER,
        "plant-a",
        "press-07",
        WorkOrderPriority.HIGH,
        ALARM,
        RULE,
        REASON,
        Map.of(),
        at("2026-11-25T10:20:31.004Z"));
  }

  public static AssignWorkOrder assignWorkOrder() {
    return new AssignWorkOrder(
        command(2), 1, WORK_ORDER, "press-07", "tech-0042", at("2026-11-25T10:27:12.250Z"));
  }

  public static StartWorkOrder startWorkOrder() {
    return new StartWorkOrder(command(3), 1, WORK_ORDER, "press-07", at("2026-11-25T10:41:00Z"));
  }

  public static CompleteWorkOrder completeWorkOrder() {
    return new CompleteWorkOrder(
        command(4), 1, WORK_ORDER, "press-07", NOTES, at("2026-11-25T11:32:45.900Z"));
  }

  public static CancelWorkOrder cancelWorkOrder() {
    return new CancelWorkOrder(
        command(5),
        1,
        "WO-2026-000184",
        "press-07",
        "Duplicate of WO-2026-000183",
        at("2026-11-25T10:22:03.117Z"));
  }

  public static WorkOrderOpened workOrderOpened() {
    return new WorkOrderOpened(
        event(1),
        2,
        WORK_ORDER,
        "press-07",
        1,
        at("2026-11-25T10:20:31.020Z"),
        command(1),
        "plant-a",
        WorkOrderPriority.HIGH,
        ALARM,
        RULE,
        REASON,
        EVIDENCE);
  }

  /** The same event as a schema version 1 producer wrote it: no evidence. */
  public static WorkOrderOpened workOrderOpenedVersion1() {
    return new WorkOrderOpened(
        event(1),
        1,
        WORK_ORDER,
        "press-07",
        1,
        at("2026-11-25T10:20:31.020Z"),
        command(1),
        "plant-a",
        WorkOrderPriority.HIGH,
        ALARM,
        RULE,
        REASON,
        Map.of());
  }

  public static WorkOrderPlanned workOrderPlanned() {
    return new WorkOrderPlanned(
        event(9),
        2,
        WORK_ORDER,
        "press-07",
        3,
        at("2026-11-25T10:30:02.500Z"),
        command(9),
        at("2026-11-26T06:00:00Z"),
        at("2026-11-26T08:30:00Z"));
  }

  public static WorkOrderAssigned workOrderAssigned() {
    return new WorkOrderAssigned(
        event(2),
        1,
        WORK_ORDER,
        "press-07",
        2,
        at("2026-11-25T10:27:12.261Z"),
        command(2),
        "tech-0042");
  }

  public static WorkOrderStarted workOrderStarted() {
    return new WorkOrderStarted(
        event(3), 1, WORK_ORDER, "press-07", 3, at("2026-11-25T10:41:00.015Z"), command(3));
  }

  public static WorkOrderCompleted workOrderCompleted() {
    return new WorkOrderCompleted(
        event(4), 1, WORK_ORDER, "press-07", 4, at("2026-11-25T11:32:45.912Z"), command(4), NOTES);
  }

  public static WorkOrderCancelled workOrderCancelled() {
    return new WorkOrderCancelled(
        event(5),
        1,
        "WO-2026-000184",
        "press-07",
        2,
        at("2026-11-25T10:22:03.130Z"),
        command(5),
        "Duplicate of WO-2026-000183");
  }

  public static WorkOrderOccurrenceAttached workOrderOccurrenceAttached() {
    return new WorkOrderOccurrenceAttached(
        event(6),
        1,
        WORK_ORDER,
        "press-07",
        3,
        at("2026-11-25T10:35:10.500Z"),
        command(6),
        "alm-press-07-000191",
        2);
  }

  public static WorkOrderCommented workOrderCommented() {
    return new WorkOrderCommented(
        event(7),
        1,
        WORK_ORDER,
        "press-07",
        5,
        at("2026-11-25T11:33:02.000Z"),
        command(7),
        "tech-0042",
        "Bearing replaced; watch vibration for a shift");
  }

  public static WorkOrderVerified workOrderVerified() {
    return new WorkOrderVerified(
        event(8), 1, WORK_ORDER, "press-07", 6, at("2026-11-25T12:05:00Z"), command(8), ALARM);
  }

  private static UUID command(int n) {
    return id("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a0" + n);
  }

  private static UUID event(int n) {
    return id("f0e1d2c3-b4a5-4968-8776-65544332210" + n);
  }
}
