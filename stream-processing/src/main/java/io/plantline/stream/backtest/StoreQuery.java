package io.plantline.stream.backtest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * What to read from the time-series store: one metric of one device in {@code [from, to)}, with the
 * layout the ingestion writer gives it (measurement or table = metric, tag {@code deviceId}, tag
 * {@code quality}, field or column {@code value}). BAD readings are left out, as the job skips
 * them.
 *
 * @param url the store's HTTP base URL
 * @param secret an InfluxDB API token; for QuestDB {@code user:password} (HTTP basic
 *     authentication) or a bearer token, or null without authentication
 * @param org InfluxDB organisation (not used by QuestDB)
 * @param bucket InfluxDB bucket (not used by QuestDB)
 * @param device the device id
 * @param metric the metric
 * @param from first instant, inclusive
 * @param to last instant, exclusive
 */
public record StoreQuery(
    String url,
    String secret,
    String org,
    String bucket,
    String device,
    String metric,
    Instant from,
    Instant to) {

  /** Checks the range. */
  public StoreQuery {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** How the series is named in messages. */
  public String describe(String store) {
    return store
        + " "
        + url
        + " metric "
        + metric
        + " of "
        + device
        + " ["
        + from
        + ", "
        + to
        + ")";
  }

  /** The {@code Authorization} header QuestDB gets, or null. */
  String questDbAuthorization() {
    if (secret == null) {
      return null;
    }
    return secret.contains(":")
        ? "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
        : "Bearer " + secret;
  }
}
