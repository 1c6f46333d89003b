package io.plantline.contracts.telemetry;

import static io.plantline.contracts.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TelemetryBatchTest {

  private static final Instant AT = Instant.parse("2026-11-25T10:15:30.100Z");

  @Test
  void shouldFlattenIntoOneReadingPerMetricInBatchOrder() {
    TelemetryBatch batch = Samples.telemetryBatch();

    List<TelemetryReading> readings = batch.flatten();

    assertThat(readings)
        .extracting(TelemetryReading::metric)
        .containsExactly(
            "temperature", "hydraulic.pressure", "spindle.vibration_rms", "stroke.count");
    assertThat(readings)
        .extracting(TelemetryReading::value, TelemetryReading::unit, TelemetryReading::quality)
        .containsExactly(
            tuple(71.25, "°C", Quality.GOOD),
            tuple(182.4, "bar", Quality.GOOD),
            tuple(3.7, "mm/s", Quality.UNCERTAIN),
            tuple(128934.0, "1", Quality.GOOD));
  }

  @Test
  void shouldGiveEveryFlattenedReadingTheBatchIdsSequenceAndGatewayTime() {
    TelemetryBatch batch = Samples.telemetryBatch();

    assertThat(batch.flatten())
        .allSatisfy(
            r -> {
              assertThat(r.deviceId()).isEqualTo("press-07");
              assertThat(r.siteId()).isEqualTo("plant-a");
              assertThat(r.areaId()).isEqualTo("stamping");
              assertThat(r.bootEpoch()).isEqualTo(Samples.BOOT_EPOCH);
              assertThat(r.seq()).isEqualTo(4711);
              assertThat(r.gatewayTime()).isEqualTo(batch.gatewayTime());
              assertThat(r.occurredAt()).isEqualTo(batch.occurredAt());
              assertThat(r.schemaVersion()).isEqualTo(TelemetryReading.SCHEMA_VERSION);
            });
    assertThat(batch.flatten().get(2).sourceTime())
        .isEqualTo(Instant.parse("2026-11-25T10:15:30.104Z"));
  }

  @Test
  void shouldDeriveReadingEventIdsDeterministicallyFromBatchIdAndMetric() {
    TelemetryBatch batch = Samples.telemetryBatch();
    UUID expected =
        UUID.nameUUIDFromBytes((batch.eventId() + "/temperature").getBytes(StandardCharsets.UTF_8));

    List<TelemetryReading> first = batch.flatten();
    List<TelemetryReading> second = batch.flatten();

    assertThat(first).isEqualTo(second);
    assertThat(first.get(0).eventId()).isEqualTo(expected);
    assertThat(first).extracting(TelemetryReading::eventId).doesNotHaveDuplicates();
    assertThat(first.get(0).eventId()).isNotEqualTo(batch.eventId());
  }

  @Test
  void shouldGiveTheSameMetricOfAnotherBatchAnotherEventId() {
    UUID batchA = UUID.fromString("3f1c2a9e-8b4d-4f6a-9c1e-2d7b5a0e4c11");
    UUID batchB = UUID.fromString("3f1c2a9e-8b4d-4f6a-9c1e-2d7b5a0e4c12");

    assertThat(TelemetryBatch.readingEventId(batchA, "temperature"))
        .isNotEqualTo(TelemetryBatch.readingEventId(batchB, "temperature"));
  }

  @Test
  void shouldRejectEmptyBatch() {
    assertThat(violation(() -> batchOf(List.of())))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings", "empty");
  }

  @Test
  void shouldRejectSecondReadingOfTheSameMetricNamingIt() {
    List<BatchReading> readings =
        List.of(reading("temperature"), reading("pressure"), reading("temperature"));

    assertThat(violation(() -> batchOf(readings)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings[2].metric", "duplicate metric temperature");
  }

  @Test
  void shouldRejectNullReadingNamingItsIndex() {
    List<BatchReading> readings = Arrays.asList(reading("temperature"), null);

    assertThat(violation(() -> batchOf(readings)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("readings[1]", "missing");
  }

  @Test
  void shouldCopyReadingsIntoAnUnmodifiableList() {
    List<BatchReading> source = new ArrayList<>(List.of(reading("temperature")));
    TelemetryBatch batch = batchOf(source);

    source.add(reading("pressure"));

    assertThat(batch.readings()).hasSize(1);
    assertThatThrownBy(() -> batch.readings().add(reading("flow")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectNonFiniteReadingValue() {
    assertThat(violation(() -> new BatchReading("temperature", Double.NaN, "°C", Quality.GOOD, AT)))
        .extracting(ContractViolationException::field, ContractViolationException::reason)
        .containsExactly("value", "not finite");
  }

  @Test
  void shouldUseGatewayTimeAsOccurredAt() {
    TelemetryBatch batch = Samples.telemetryBatch();

    assertThat(batch.occurredAt()).isEqualTo(batch.gatewayTime());
  }

  private static BatchReading reading(String metric) {
    return new BatchReading(metric, 1.0, "1", Quality.GOOD, AT);
  }

  private static TelemetryBatch batchOf(List<BatchReading> readings) {
    return new TelemetryBatch(
        UUID.fromString("3f1c2a9e-8b4d-4f6a-9c1e-2d7b5a0e4c11"),
        TelemetryBatch.SCHEMA_VERSION,
        "press-07",
        "plant-a",
        "stamping",
        1,
        0,
        AT,
        readings);
  }
}
