package io.plantline.contracts;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryReading;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.WorkOrderStarted;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Constructors reject invalid components naming the field, as the codecs do. */
class RecordValidationTest {

  private static final UUID ID = UUID.fromString("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d88");
  private static final Instant AT = Instant.parse("2026-11-25T10:20:30Z");

  @Test
  void shouldRejectNullComponentNamingIt() {
    assertViolation(() -> reading(null, 1.0, 1), "deviceId", "missing");
    assertViolation(() -> status(1, "press-07", null), "occurredAt", "missing");
  }

  @Test
  void shouldRejectNonFiniteValueInAReading() {
    assertViolation(() -> reading("press-07", Double.POSITIVE_INFINITY, 1), "value", "not finite");
  }

  @Test
  void shouldRejectRecordOfAnUnsupportedSchemaVersion() {
    assertViolation(() -> reading("press-07", 1.0, 2), "schemaVersion", "unknown schemaVersion 2");
    assertViolation(() -> status(0, "press-07", AT), "schemaVersion", "unknown schemaVersion 0");
  }

  @Test
  void shouldRejectInvalidIdInARecord() {
    assertViolation(
        () -> status(1, "press#07", AT),
        "deviceId",
        "illegal character '#' (allowed: A-Z a-z 0-9 . _ -)");
  }

  @Test
  void shouldAcceptAbsentReasonButNotABlankOne() {
    assertThat(status(1, "press-07", AT).optionalReason()).isEmpty();
    assertViolation(
        () ->
            new DeviceStatus(
                ID, 1, "press-07", "plant-a", "stamping", DeviceState.DEATH, 3, AT, " \t"),
        "reason",
        "blank");
  }

  @Test
  void shouldRejectControlCharactersInTextButAllowLineBreaks() {
    assertThat(complete("Done.\n\tFilter replaced.").notes()).contains("\n");
    assertViolation(() -> complete("Done\u0007"), "notes", "contains control character U+0007");
  }

  @Test
  void shouldRejectOverlongText() {
    assertViolation(
        () -> complete("x".repeat(Checks.MAX_TEXT_LENGTH + 1)),
        "notes",
        "longer than 2048 characters");
  }

  @Test
  void shouldRejectUnitLongerThan32Characters() {
    assertViolation(
        () ->
            new TelemetryReading(
                ID, 1, "d", "s", "a", "m", 1.0, "u".repeat(33), Quality.GOOD, AT, AT, 0, 0),
        "unit",
        "longer than 32 characters");
  }

  @Test
  void shouldRejectEventVersionBelowOne() {
    assertViolation(
        () -> new WorkOrderStarted(ID, 1, "WO-1", "press-07", 0, AT, ID),
        "version",
        "must be 1 or more");
  }

  @Test
  void shouldRejectNonFiniteEvidenceNamingTheEntry() {
    Map<String, Double> evidence = Map.of("threshold", 90.0, "temperature.mean", Double.NaN);

    assertViolation(() -> alarm(evidence), "evidence.temperature.mean", "not finite");
  }

  @Test
  void shouldCopyEvidenceIntoAnUnmodifiableMapSortedByName() {
    Map<String, Double> source = new HashMap<>(Map.of("threshold", 90.0, "max", 95.1));
    AlarmEvent alarm = alarm(source);

    source.put("min", 80.0);

    assertThat(alarm.evidence()).containsOnlyKeys("max", "threshold");
    assertThat(alarm.evidence().keySet()).containsExactly("max", "threshold");
    assertThatThrownBy(() -> alarm.evidence().put("min", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertViolation(ThrowingCallable call, String field, String reason) {
    assertThat(violation(call))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly(field, reason);
  }

  private static TelemetryReading reading(String deviceId, double value, int schemaVersion) {
    return new TelemetryReading(
        ID,
        schemaVersion,
        deviceId,
        "plant-a",
        "stamping",
        "temperature",
        value,
        "°C",
        Quality.GOOD,
        AT,
        AT,
        3,
        4);
  }

  private static DeviceStatus status(int schemaVersion, String deviceId, Instant occurredAt) {
    return new DeviceStatus(
        ID, schemaVersion, deviceId, "plant-a", "stamping", DeviceState.BIRTH, 3, occurredAt, null);
  }

  private static CompleteWorkOrder complete(String notes) {
    return new CompleteWorkOrder(ID, 1, "WO-1", "press-07", notes, AT);
  }

  private static AlarmEvent alarm(Map<String, Double> evidence) {
    AlarmEvent sample = Samples.alarmEvent();
    return new AlarmEvent(
        ID,
        1,
        sample.alarmId(),
        sample.deviceId(),
        sample.siteId(),
        sample.areaId(),
        sample.ruleId(),
        sample.severity(),
        sample.state(),
        AT,
        sample.message(),
        evidence);
  }
}
