package io.plantline.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.stream.domain.Reading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TelemetryDecoderTest {
  private static final byte[] GOLDEN = GoldenFixtures.bytes(GoldenFixtures.TELEMETRY_BATCH);

  @Test
  void shouldFlattenTheGoldenBatchWithSourceTimeAsEventTimeAndTheNewestAsTheRecordsTime() {
    TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(GOLDEN);

    DecodedTelemetry decoded =
        TelemetryDecoder.decode(new RawRecord("x", GOLDEN, "t", 0, 1), "test-group");

    assertThat(decoded.rejected()).isNull();
    assertThat(decoded.readings()).hasSize(batch.readings().size());
    for (int i = 0; i < batch.readings().size(); i++) {
      Reading r = decoded.readings().get(i);
      assertThat(r.deviceId()).isEqualTo(batch.deviceId());
      assertThat(r.metric()).isEqualTo(batch.readings().get(i).metric());
      assertThat(r.timestamp()).isEqualTo(batch.readings().get(i).sourceTime().toEpochMilli());
    }
    assertThat(decoded.eventTime())
        .isEqualTo(decoded.readings().stream().mapToLong(Reading::timestamp).max().orElseThrow());
  }

  @Test
  void shouldTurnAnUndecodablePayloadIntoADeadLetterWithItsReasonAndPosition() {
    byte[] bad = "{\"eventId\": 12}".getBytes(StandardCharsets.UTF_8);

    DecodedTelemetry decoded =
        TelemetryDecoder.decode(
            new RawRecord("spindle-001", bad, "telemetry.raw.v1", 1, 42), "test-group");

    assertThat(decoded.readings()).isEmpty();
    assertThat(decoded.eventTime()).isEqualTo(Long.MIN_VALUE);
    EncodedEvent dead = decoded.rejected();
    assertThat(dead.key()).isEqualTo("spindle-001");
    assertThat(dead.value()).isEqualTo(bad);
    assertThat(dead.headers())
        .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "telemetry.raw.v1")
        .containsEntry(DeadLetterHeaders.SOURCE_PARTITION, "1")
        .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "42")
        .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, "test-group")
        .containsEntry(DeadLetterHeaders.FIELD, "schemaVersion")
        .containsEntry(DeadLetterHeaders.REASON, "missing");
  }

  @Test
  void shouldKeepAnEmptyPayloadAsADeadLetter() {
    DecodedTelemetry decoded =
        TelemetryDecoder.decode(new RawRecord("k", null, "telemetry.raw.v1", 0, 7), "g");

    assertThat(decoded.rejected()).isNotNull();
    assertThat(decoded.rejected().value()).isEmpty();
  }

  @Test
  void shouldEmitTheReadingsAndSendTheRejectedToTheDeadLettersAndKeepGoing() throws Exception {
    try (OneInputStreamOperatorTestHarness<DecodedTelemetry, Reading> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new FlattenTelemetry())) {
      byte[] bad = "not json".getBytes(StandardCharsets.UTF_8);
      DecodedTelemetry good =
          TelemetryDecoder.decode(new RawRecord("x", GOLDEN, "t", 0, 43), "test-group");
      h.processElement(
          TelemetryDecoder.decode(new RawRecord("spindle-001", bad, "t", 1, 42), "test-group"), 0);
      h.processElement(good, 0);

      List<StreamRecord<EncodedEvent>> dead =
          List.copyOf(h.getSideOutput(FlattenTelemetry.DEAD_LETTERS));
      assertThat(dead)
          .singleElement()
          .satisfies(r -> assertThat(r.getValue().value()).isEqualTo(bad));
      assertThat(h.extractOutputValues()).isEqualTo(good.readings());
    }
  }
}
