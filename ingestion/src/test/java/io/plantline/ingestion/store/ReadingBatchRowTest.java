package io.plantline.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadingBatchRowTest {
  private static BatchReading reading(String metric, String time) {
    return new BatchReading(metric, 1.5, "Cel", Quality.GOOD, Instant.parse(time));
  }

  private static TelemetryBatch batch(BatchReading... readings) {
    return new TelemetryBatch(
        UUID.randomUUID(),
        1,
        "press-1",
        "site-1",
        "area-1",
        7,
        42,
        Instant.parse("2026-05-05T00:00:02Z"),
        List.of(readings));
  }

  @Test
  void shouldMakeOneRowForABatchOfOneMinute() {
    List<ReadingBatchRow> rows =
        ReadingBatchRow.of(
            batch(
                reading("temp", "2026-05-04T10:15:01.250Z"),
                reading("speed", "2026-05-04T10:15:59.999Z")));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).minuteStart()).isEqualTo(Instant.parse("2026-05-04T10:15:00Z"));
    assertThat(rows.get(0).readings())
        .extracting(BatchReading::metric)
        .containsExactly("temp", "speed");
    assertThat(rows.get(0).bootEpoch()).isEqualTo(7);
    assertThat(rows.get(0).seq()).isEqualTo(42);
  }

  @Test
  void shouldSplitABatchAcrossMinutesAndMidnightIntoRowsOfTheirOwnDay() {
    List<ReadingBatchRow> rows =
        ReadingBatchRow.of(
            batch(
                reading("temp", "2026-05-04T23:59:59Z"),
                reading("speed", "2026-05-05T00:00:01Z"),
                reading("flow", "2026-05-04T23:59:30Z")));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).day()).isEqualTo(LocalDate.parse("2026-05-04"));
    assertThat(rows.get(0).readings())
        .extracting(BatchReading::metric)
        .containsExactly("temp", "flow");
    assertThat(rows.get(1).day()).isEqualTo(LocalDate.parse("2026-05-05"));
    assertThat(rows.get(1).readings()).extracting(BatchReading::metric).containsExactly("speed");
  }

  @Test
  void shouldMakeTheSameRowsWhenTheSameBatchIsWrittenAgain() {
    TelemetryBatch batch =
        batch(reading("temp", "2026-05-04T10:15:01Z"), reading("speed", "2026-05-04T10:16:01Z"));
    assertThat(ReadingBatchRow.of(batch)).isEqualTo(ReadingBatchRow.of(batch));
  }
}
