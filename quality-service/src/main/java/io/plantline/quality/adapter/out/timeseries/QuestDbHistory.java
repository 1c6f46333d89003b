package io.plantline.quality.adapter.out.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantline.quality.domain.TimeSeriesHistory;
import io.plantline.quality.domain.TimedValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads past readings back from the time-series store. The ingestion writers write through the
 * InfluxDB v2 write API into one table per metric (tags deviceId, site, area, quality; field
 * value); QuestDB does not serve the InfluxDB query API (Flux), so this reads through QuestDB's SQL
 * endpoint {@code /exec} over HTTP, the read path the testkit and the writers' DDL use.
 */
public final class QuestDbHistory implements TimeSeriesHistory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ROWS = 100_000;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final Optional<String> authorization;

  /**
   * @param baseUrl QuestDB's HTTP base URL
   * @param authorization the Authorization header value, if QuestDB needs one
   */
  public QuestDbHistory(String baseUrl, Optional<String> authorization) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
  }

  /** The SQL that reads one device's good readings of a metric in a time range. */
  static String sql(String deviceId, String metric, Instant from, Instant to) {
    return "SELECT timestamp, value FROM \""
        + metric.replace("\"", "\"\"")
        + "\" WHERE deviceId = '"
        + deviceId.replace("'", "''")
        + "' AND quality != 'BAD' AND timestamp >= '"
        + from
        + "' AND timestamp < '"
        + to
        + "' ORDER BY timestamp LIMIT "
        + MAX_ROWS;
  }

  @Override
  public List<TimedValue> readings(String deviceId, String metric, Instant from, Instant to) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/exec?query="
                        + URLEncoder.encode(
                            sql(deviceId, metric, from, to), StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(60))
            .GET();
    authorization.ifPresent(a -> request.header("Authorization", a));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 400 && response.body().contains("does not exist")) {
        return List.of(); // nothing was ever written for this metric
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "QuestDB answered " + response.statusCode() + ": " + response.body());
      }
      List<TimedValue> result = new ArrayList<>();
      for (JsonNode row : JSON.readTree(response.body()).path("dataset")) {
        result.add(new TimedValue(Instant.parse(row.get(0).asText()), row.get(1).asDouble()));
      }
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("QuestDB unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
