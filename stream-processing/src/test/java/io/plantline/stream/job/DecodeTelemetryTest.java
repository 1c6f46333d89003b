package io.plantline.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.stream.domain.Reading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeTelemetryTest {

  @Test
  void shouldFlattenTheGoldenBatchWithSourceTimeAsEventTime() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, Reading> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeTelemetry("test-group"))) {
      h.processElement(
          new RawRecord("x", GoldenFixtures.bytes(GoldenFixtures.TELEMETRY_BATCH), "t", 0, 1), 0);

      List<Reading> out = h.extractOutputValues();
      assertThat(out).isNotEmpty();
      assertThat(out.get(0).timestamp()).isPositive();
      assertThat(h.getSideOutput(DecodeTelemetry.DEAD_LETTERS)).isNull();
    }
  }

  @Test
  void shouldSendAnUndecodablePayloadToTheDeadLettersWithItsReasonAndKeepGoing() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, Reading> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeTelemetry("test-group"))) {
      byte[] bad = "{\"eventId\": 12}".getBytes(StandardCharsets.UTF_8);
      h.processElement(new RawRecord("spindle-001", bad, "telemetry.raw.v1", 1, 42), 0);
      h.processElement(
          new RawRecord("x", GoldenFixtures.bytes(GoldenFixtures.TELEMETRY_BATCH), "t", 0, 43), 0);

      List<StreamRecord<EncodedEvent>> dead =
          List.copyOf(h.getSideOutput(DecodeTelemetry.DEAD_LETTERS));
      assertThat(dead)
          .singleElement()
          .satisfies(
              r -> {
                EncodedEvent e = r.getValue();
                assertThat(e.key()).isEqualTo("spindle-001");
                assertThat(e.value()).isEqualTo(bad);
                assertThat(e.headers())
                    .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "42")
                    .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, "test-group")
                    .containsKey(DeadLetterHeaders.REASON);
              });
      assertThat(h.extractOutputValues()).isNotEmpty();
    }
  }
}
