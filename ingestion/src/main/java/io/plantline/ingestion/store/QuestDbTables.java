package io.plantline.ingestion.store;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates QuestDB's table for a metric before its first write, through the SQL endpoint {@code
 * /exec}, so that replays deduplicate: designated timestamp, WAL, and {@code DEDUP UPSERT
 * KEYS(timestamp, deviceId)}. Each metric's DDL runs once per process ({@code IF NOT EXISTS} makes
 * a second process harmless).
 */
public final class QuestDbTables {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final Optional<String> authorization;
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  /**
   * @param baseUrl QuestDB's HTTP base URL, for example {@code http://127.0.0.1:9000}
   * @param authorization value of the {@code Authorization} header, if QuestDB requires one
   */
  public QuestDbTables(String baseUrl, Optional<String> authorization) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
  }

  /** The DDL of the table of {@code metric}. */
  public static String createTableSql(String metric) {
    return "CREATE TABLE IF NOT EXISTS "
        + quoted(metric)
        + " ("
        + TimeSeriesPoints.DEVICE_TAG
        + " SYMBOL, "
        + TimeSeriesPoints.SITE_TAG
        + " SYMBOL, "
        + TimeSeriesPoints.AREA_TAG
        + " SYMBOL, "
        + TimeSeriesPoints.QUALITY_TAG
        + " SYMBOL, "
        + TimeSeriesPoints.VALUE_FIELD
        + " DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL"
        + " DEDUP UPSERT KEYS(timestamp, "
        + TimeSeriesPoints.DEVICE_TAG
        + ")";
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Makes sure every metric's table exists.
   *
   * @throws IOException if QuestDB is unreachable or refuses the DDL
   */
  public void ensure(Set<String> metrics) throws IOException, InterruptedException {
    for (String metric : metrics) {
      if (!created.contains(metric)) {
        exec(createTableSql(metric));
        created.add(metric);
      }
    }
  }

  /** Runs one SQL statement and fails unless QuestDB answers 200. */
  void exec(String sql) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(30))
            .GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "QuestDB answered " + response.statusCode() + " to " + sql + ": " + response.body());
    }
  }

  /** Forgets which tables exist (after QuestDB was replaced, for example). */
  void forget() {
    created.clear();
  }
}
