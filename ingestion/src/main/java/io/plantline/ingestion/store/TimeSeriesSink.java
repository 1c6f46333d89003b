package io.plantline.ingestion.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Writes telemetry points with influxdb-client-java's blocking write API (one HTTP request per
 * flush) to QuestDB or InfluxDB. For QuestDB each metric's table is created first with dedup keys
 * ({@link QuestDbTables}); for InfluxDB a rewritten point (same measurement, tags and time)
 * replaces the old one. Either way a replay leaves the store unchanged.
 */
public final class TimeSeriesSink implements StoreSink {
  private final InfluxDBClient client;
  private final WriteApiBlocking writes;
  private final QuestDbTables tables;

  /** A sink writing to {@code target}. */
  public TimeSeriesSink(TimeSeriesTarget target) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .writeTimeout(30, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false);
    target
        .basicAuthorization()
        .ifPresent(
            value ->
                http.addInterceptor(
                    chain ->
                        chain.proceed(
                            chain.request().newBuilder().header("Authorization", value).build())));
    InfluxDBClientOptions.Builder options =
        InfluxDBClientOptions.builder()
            .url(target.url())
            .org(target.org())
            .bucket(target.bucket())
            .okHttpClient(http);
    target.token().ifPresent(token -> options.authenticateToken(token.toCharArray()));
    this.client = InfluxDBClientFactory.create(options.build());
    this.writes = client.getWriteApiBlocking();
    this.tables =
        target.kind() == TimeSeriesTarget.Kind.QUESTDB
            ? new QuestDbTables(target.url(), target.basicAuthorization())
            : null;
  }

  @Override
  public String name() {
    return "timeseries";
  }

  @Override
  public void write(StoreRecords records) throws Exception {
    if (records.telemetry().isEmpty()) {
      return;
    }
    if (tables != null) {
      tables.ensure(metrics(records));
    }
    writes.writeRecord(WritePrecision.NS, TimeSeriesPoints.lineProtocol(records.telemetry()));
  }

  private static Set<String> metrics(StoreRecords records) {
    Set<String> metrics = new HashSet<>();
    for (TelemetryBatch batch : records.telemetry()) {
      for (BatchReading reading : batch.readings()) {
        metrics.add(reading.metric());
      }
    }
    return metrics;
  }

  @Override
  public void close() {
    client.close();
  }
}
