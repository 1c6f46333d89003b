package io.plantline.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoreSchemaTest {

  @Test
  void shouldFlattenABatchIntoOnePointPerReadingWithTagsAndNanosecondTime() {
    Instant at = Instant.parse("2026-02-03T04:05:06.123456789Z");
    TelemetryBatch batch =
        new TelemetryBatch(
            UUID.randomUUID(),
            1,
            "press-1",
            "site-a",
            "area-b",
            9,
            4,
            at,
            List.of(
                new BatchReading("temp", 71.5, "Cel", Quality.GOOD, at),
                new BatchReading("speed", 1200, "rpm", Quality.BAD, at.plusMillis(1))));

    List<String> lines =
        TimeSeriesPoints.of(List.of(batch)).stream().map(p -> p.toLineProtocol()).toList();

    assertThat(lines)
        .containsExactly(
            "temp,area=area-b,deviceId=press-1,quality=GOOD,site=site-a value=71.5"
                + " 1770091506123456789",
            "speed,area=area-b,deviceId=press-1,quality=BAD,site=site-a value=1200.0"
                + " 1770091506124456789");
  }

  @Test
  void shouldWriteTheSameLineProtocolAsTheInfluxClientsPoints() {
    Instant at = Instant.parse("2026-02-03T04:05:06.000000001Z");
    List<BatchReading> readings = new java.util.ArrayList<>();
    double[] values = {0, -0.5, 1e-9, 123456.789, 1.5e12, -7e7, 42};
    for (int i = 0; i < values.length; i++) {
      readings.add(
          new BatchReading("m" + i, values[i], "1", Quality.values()[i % 3], at.plusNanos(i)));
    }
    TelemetryBatch batch =
        new TelemetryBatch(UUID.randomUUID(), 1, "dev_1.a", "site-1", "area-2", 1, 1, at, readings);

    String expected =
        String.join(
                "\n",
                TimeSeriesPoints.of(List.of(batch)).stream().map(p -> p.toLineProtocol()).toList())
            + "\n";
    String actual = TimeSeriesPoints.lineProtocol(List.of(batch));
    // the client prints large and tiny doubles in plain notation too; compare value by value
    assertThat(fields(actual)).isEqualTo(fields(expected));
    assertThat(actual.lines().toList())
        .extracting(l -> l.substring(0, l.indexOf(' ')))
        .isEqualTo(expected.lines().map(l -> l.substring(0, l.indexOf(' '))).toList());
  }

  private static List<String> fields(String lines) {
    return lines
        .lines()
        .map(
            l -> {
              String[] parts = l.split(" ");
              return new java.math.BigDecimal(parts[1].substring("value=".length()))
                      .stripTrailingZeros()
                      .toPlainString()
                  + " "
                  + parts[2];
            })
        .toList();
  }

  @Test
  void shouldCreateQuestDbTablesWithDesignatedTimestampWalAndDedupKeys() {
    assertThat(QuestDbTables.createTableSql("winding_temp"))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS \"winding_temp\" (deviceId SYMBOL, site SYMBOL, area SYMBOL,"
                + " quality SYMBOL, value DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp)"
                + " PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, deviceId)");
  }

  @Test
  void shouldDeclareHistoryTablesForTheQueriesWithConfiguredReplicationAndTtl() {
    List<String> cql = HistorySchema.statements("plant_h", 3, Duration.ofDays(30));
    assertThat(cql.get(0))
        .contains("CREATE KEYSPACE IF NOT EXISTS plant_h", "'replication_factor': 3");
    assertThat(cql.get(1))
        .contains(
            "plant_h.reading_batches_by_device_day",
            "PRIMARY KEY ((device_id, day), minute_start, boot_epoch, seq)",
            "measured_values frozen<list<double>>",
            "default_time_to_live = 2592000");
    assertThat(cql.get(2))
        .isEqualTo(
            "ALTER TABLE plant_h.reading_batches_by_device_day WITH default_time_to_live = 2592000");
    assertThat(cql.get(3))
        .contains(
            "plant_h.latest_by_device",
            "device_id text PRIMARY KEY",
            "metrics map<text, frozen<tuple<double, text, text, timestamp>>>");
    assertThat(cql.get(4)).contains("plant_h.devices", "device_id text PRIMARY KEY", "last_gap");
  }

  @Test
  void shouldUseMicrosecondWriteTimestamps() {
    assertThat(HistorySink.micros(Instant.parse("1970-01-01T00:00:01.000002999Z")))
        .isEqualTo(1_000_002L);
  }

  @Test
  void shouldDoubleBackoffUpToItsMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
    assertThat(List.of(1, 2, 3, 4, 10).stream().map(backoff::delayAfter).toList())
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500));
  }
}
