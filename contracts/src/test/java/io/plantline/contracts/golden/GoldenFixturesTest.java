package io.plantline.contracts.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.Samples;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.codec.EventCodec;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenFixturesTest {

  private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

  /** A fixture, the codec of its topic and the record it must decode to. */
  record Case(String name, EventCodec<Object> codec, Object expected) {
    @SuppressWarnings("unchecked")
    static Case of(String name, EventCodec<?> codec, Object expected) {
      return new Case(name, (EventCodec<Object>) codec, expected);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(GoldenFixtures.TELEMETRY_BATCH, Codecs.TELEMETRY_BATCH, Samples.telemetryBatch()),
        Case.of(
            GoldenFixtures.TELEMETRY_READING, Codecs.TELEMETRY_READING, Samples.telemetryReading()),
        Case.of(GoldenFixtures.DEVICE_STATUS_BIRTH, Codecs.DEVICE_STATUS, Samples.deviceBirth()),
        Case.of(GoldenFixtures.DEVICE_STATUS_DEATH, Codecs.DEVICE_STATUS, Samples.deviceDeath()),
        Case.of(GoldenFixtures.ALARM_EVENT, Codecs.ALARM_EVENT, Samples.alarmEvent()),
        Case.of(GoldenFixtures.ENERGY_EVENT, Codecs.ENERGY_EVENT, Samples.energyEvent()),
        Case.of(GoldenFixtures.QUALITY_EVENT, Codecs.QUALITY_EVENT, Samples.qualityEvent()),
        Case.of(GoldenFixtures.ALARM_COMMAND_SHELVE, Codecs.ALARM_COMMAND, Samples.shelveAlarm()),
        Case.of(
            GoldenFixtures.SETPOINT_COMMAND, Codecs.SETPOINT_COMMAND, Samples.setpointCommand()),
        Case.of(
            GoldenFixtures.SETPOINT_RESULT_FAILED,
            Codecs.SETPOINT_RESULT,
            Samples.setpointResultFailed()),
        Case.of(GoldenFixtures.SESSION_ENDED, Codecs.SESSION_ENDED, Samples.sessionEnded()),
        Case.of(GoldenFixtures.OPEN_WORK_ORDER, Codecs.WORK_ORDER_COMMAND, Samples.openWorkOrder()),
        Case.of(
            GoldenFixtures.ASSIGN_WORK_ORDER, Codecs.WORK_ORDER_COMMAND, Samples.assignWorkOrder()),
        Case.of(
            GoldenFixtures.START_WORK_ORDER, Codecs.WORK_ORDER_COMMAND, Samples.startWorkOrder()),
        Case.of(
            GoldenFixtures.COMPLETE_WORK_ORDER,
            Codecs.WORK_ORDER_COMMAND,
            Samples.completeWorkOrder()),
        Case.of(
            GoldenFixtures.CANCEL_WORK_ORDER, Codecs.WORK_ORDER_COMMAND, Samples.cancelWorkOrder()),
        Case.of(
            GoldenFixtures.WORK_ORDER_OPENED, Codecs.WORK_ORDER_EVENT, Samples.workOrderOpened()),
        Case.of(
            GoldenFixtures.WORK_ORDER_ASSIGNED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderAssigned()),
        Case.of(
            GoldenFixtures.WORK_ORDER_STARTED, Codecs.WORK_ORDER_EVENT, Samples.workOrderStarted()),
        Case.of(
            GoldenFixtures.WORK_ORDER_COMPLETED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderCompleted()),
        Case.of(
            GoldenFixtures.WORK_ORDER_CANCELLED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderCancelled()),
        Case.of(
            GoldenFixtures.WORK_ORDER_OCCURRENCE_ATTACHED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderOccurrenceAttached()),
        Case.of(
            GoldenFixtures.WORK_ORDER_COMMENTED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderCommented()),
        Case.of(
            GoldenFixtures.WORK_ORDER_VERIFIED,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderVerified()),
        Case.of(
            GoldenFixtures.WORK_ORDER_PLANNED, Codecs.WORK_ORDER_EVENT, Samples.workOrderPlanned()),
        Case.of(
            GoldenFixtures.OPEN_WORK_ORDER_V1,
            Codecs.WORK_ORDER_COMMAND,
            Samples.openWorkOrderVersion1()),
        Case.of(
            GoldenFixtures.WORK_ORDER_OPENED_V1,
            Codecs.WORK_ORDER_EVENT,
            Samples.workOrderOpenedVersion1()));
  }

  @Test
  void shouldCoverEveryFixtureWithOneCase() {
    assertThat(cases().map(Case::name)).containsExactlyInAnyOrderElementsOf(GoldenFixtures.NAMES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldDecodeFixtureToTheExpectedRecord(Case c) {
    assertThat(c.codec().decode(GoldenFixtures.bytes(c.name()))).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldRoundTripFixtureThroughEncodeAndDecode(Case c) {
    Object decoded = c.codec().decode(GoldenFixtures.bytes(c.name()));

    Object again = c.codec().decode(c.codec().encode(decoded));

    assertThat(again).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldEncodeExpectedRecordToTheFixturesJsonTree(Case c) throws IOException {
    JsonNode encoded = PLAIN_JSON.readTree(c.codec().encode(c.expected()));

    assertThat(encoded).isEqualTo(PLAIN_JSON.readTree(GoldenFixtures.bytes(c.name())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldShipTheSameBytesAsTheTestResourceCopy(Case c) throws IOException {
    try (InputStream copy = getClass().getResourceAsStream("/golden/" + c.name() + ".json")) {
      assertThat(copy).as("src/test/resources/golden/%s.json", c.name()).isNotNull();
      assertThat(copy.readAllBytes()).isEqualTo(GoldenFixtures.bytes(c.name()));
    }
  }

  @Test
  void shouldFlattenTheBatchFixtureIntoTheReadingFixture() {
    TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(GoldenFixtures.bytes("telemetry-batch"));

    assertThat(batch.flatten().get(0))
        .isEqualTo(Codecs.TELEMETRY_READING.decode(GoldenFixtures.bytes("telemetry-reading")));
  }

  @Test
  void shouldReadFixturesAsUtf8Text() {
    assertThat(GoldenFixtures.text(GoldenFixtures.TELEMETRY_READING)).contains("\"unit\": \"°C\"");
  }

  @Test
  void shouldRejectAnUnknownFixtureNameListingTheKnownOnes() {
    assertThatThrownBy(() -> GoldenFixtures.bytes("telemetry-batches"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("telemetry-batches")
        .hasMessageContaining(GoldenFixtures.TELEMETRY_BATCH);
  }
}
