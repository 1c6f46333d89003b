package io.plantline.stream.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a series from QuestDB with SQL over HTTP: its CSV export endpoint {@code /exp}, which
 * streams every row (QuestDB speaks the InfluxDB write protocol but has no Flux, so
 * influxdb-client-java cannot read it). The rows are checked like a CSV file's.
 */
public final class QuestDbSeries {
  private QuestDbSeries() {}

  /** The SQL of a query. */
  public static String sql(StoreQuery q) {
    return "SELECT timestamp, value FROM "
        + identifier(q.metric())
        + " WHERE deviceId = "
        + literal(q.device())
        + " AND quality != 'BAD' AND timestamp >= "
        + literal(q.from().toString())
        + " AND timestamp < "
        + literal(q.to().toString())
        + " ORDER BY timestamp";
  }

  /**
   * Runs the query.
   *
   * @throws IOException if QuestDB is unreachable or refuses the query (the message has its answer)
   */
  public static Series read(StoreQuery q) throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    q.url() + "/exp?query=" + URLEncoder.encode(sql(q), StandardCharsets.UTF_8)))
            .timeout(Duration.ofMinutes(5))
            .GET();
    String authorization = q.questDbAuthorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        StringBuilder body = new StringBuilder();
        in.lines().limit(5).forEach(body::append);
        throw new IOException(
            "QuestDB answered " + response.statusCode() + " to " + sql(q) + ": " + body);
      }
      return CsvSeries.read(in, q.describe("questdb"));
    }
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
