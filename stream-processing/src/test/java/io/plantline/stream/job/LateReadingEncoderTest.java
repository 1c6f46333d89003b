package io.plantline.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.contracts.golden.GoldenFixtures;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateReadingEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMakeADeadLetterWithReasonLateAndTheLatenessInHeaders() throws Exception {
    long time = Instant.parse("2026-11-25T10:15:30.100Z").toEpochMilli();
    Reading r =
        new Reading("press-07", "plant-a", "stamping", "temperature", 71.25, Quality.GOOD, time);

    EncodedEvent e = new LateReadingEncoder("test-group").map(new LateReading(r, time + 42_000));

    assertThat(e.key()).isEqualTo("press-07");
    assertThat(e.headers())
        .containsEntry(DeadLetterHeaders.REASON, "late")
        .containsEntry(DeadLetterHeaders.FIELD, "sourceTime")
        .containsEntry(DeadLetterHeaders.LATENESS_MS, "42000")
        .containsEntry(DeadLetterHeaders.WATERMARK, "2026-11-25T10:16:12.100Z")
        .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, "test-group");
    JsonNode value = JSON.readTree(e.value());
    assertThat(value.get("deviceId").asText()).isEqualTo("press-07");
    assertThat(value.get("metric").asText()).isEqualTo("temperature");
    assertThat(value.get("value").asDouble()).isEqualTo(71.25);
    assertThat(value.get("quality").asText()).isEqualTo("GOOD");
    assertThat(value.get("sourceTime").asText()).isEqualTo("2026-11-25T10:15:30.100Z");
  }

  @Test
  void shouldUseTheFieldNamesAndValuesOfTheTelemetryReadingContract() throws Exception {
    JsonNode golden = JSON.readTree(GoldenFixtures.bytes(GoldenFixtures.TELEMETRY_READING));
    Reading r =
        new Reading(
            golden.get("deviceId").asText(),
            golden.get("siteId").asText(),
            golden.get("areaId").asText(),
            golden.get("metric").asText(),
            golden.get("value").asDouble(),
            Quality.valueOf(golden.get("quality").asText()),
            Instant.parse(golden.get("sourceTime").asText()).toEpochMilli());

    JsonNode value =
        JSON.readTree(new LateReadingEncoder("g").map(new LateReading(r, r.timestamp())).value());

    List<String> names = new ArrayList<>();
    value.fieldNames().forEachRemaining(names::add);
    assertThat(names).hasSize(7);
    for (String name : names) {
      assertThat(value.get(name)).as(name).isEqualTo(golden.get(name));
    }
  }
}
