package io.plantline.stream.backtest;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import java.util.List;

/**
 * Reads a series from InfluxDB 2 with a Flux query through influxdb-client-java's query API. Does
 * not work against QuestDB, which has no Flux: use {@link QuestDbSeries} there.
 */
public final class InfluxDbSeries {
  private InfluxDbSeries() {}

  /** The Flux of a query: one table of {@code _time, _value} in time order. */
  public static String flux(StoreQuery q) {
    return "from(bucket: "
        + literal(q.bucket())
        + ")\n  |> range(start: "
        + q.from()
        + ", stop: "
        + q.to()
        + ")\n  |> filter(fn: (r) => r._measurement == "
        + literal(q.metric())
        + " and r._field == \"value\" and r.deviceId == "
        + literal(q.device())
        + " and r.quality != \"BAD\")\n  |> group()\n  |> sort(columns: [\"_time\"])\n"
        + "  |> keep(columns: [\"_time\", \"_value\"])";
  }

  /** Runs the query; the client's exceptions (unreachable, unauthorised) name the cause. */
  public static Series read(StoreQuery q) {
    Series.Builder rows = new Series.Builder(q.describe("influxdb"));
    try (InfluxDBClient client =
        InfluxDBClientFactory.create(q.url(), q.secret().toCharArray(), q.org(), q.bucket())) {
      List<FluxTable> tables = client.getQueryApi().query(flux(q), q.org());
      long line = 0;
      for (FluxTable table : tables) {
        for (FluxRecord r : table.getRecords()) {
          line++;
          rows.add(line, String.valueOf(r.getTime()), String.valueOf(r.getValue()));
        }
      }
    }
    return rows.build();
  }

  private static String literal(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
