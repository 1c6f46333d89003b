package io.plantline.ingestion.store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the time-series writer writes, through the InfluxDB v2 write API.
 *
 * @param kind {@link Kind#QUESTDB} (tables created with dedup keys first) or {@link Kind#INFLUXDB}
 * @param url base HTTP URL
 * @param org InfluxDB organisation (QuestDB ignores it)
 * @param bucket InfluxDB bucket (QuestDB ignores it)
 * @param token InfluxDB API token, sent as {@code Authorization: Token ...}
 * @param username QuestDB HTTP basic-auth user
 * @param password QuestDB HTTP basic-auth password
 */
public record TimeSeriesTarget(
    Kind kind,
    String url,
    String org,
    String bucket,
    Optional<String> token,
    Optional<String> username,
    Optional<String> password) {

  /** The product behind the URL. */
  public enum Kind {
    /** QuestDB: basic auth, tables created with DEDUP UPSERT KEYS before the first write. */
    QUESTDB,
    /** InfluxDB 2/3: token auth; the same series and time overwrite, no DDL. */
    INFLUXDB;

    /** Parses {@code questdb} or {@code influxdb}, case-insensitively. */
    public static Kind parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("must be questdb or influxdb, was '" + text + "'");
      }
    }
  }

  /** Validates the URL and that the credentials fit the kind. */
  public TimeSeriesTarget {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("not a URL: '" + url + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an http(s) URL with a host, was '" + url + "'");
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("a username needs a password and the other way round");
    }
    if (kind == Kind.INFLUXDB && token.isEmpty()) {
      throw new IllegalArgumentException("InfluxDB needs a token (file or environment variable)");
    }
  }

  /** A QuestDB target with HTTP basic authentication. */
  public static TimeSeriesTarget questDb(String url, String username, String password) {
    return new TimeSeriesTarget(
        Kind.QUESTDB,
        url,
        "plantline",
        "plantline",
        Optional.empty(),
        Optional.of(username),
        Optional.of(password));
  }

  /** The {@code Authorization} header for basic authentication, if a user is set. */
  public Optional<String> basicAuthorization() {
    return username.map(
        user ->
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (user + ":" + password.orElseThrow()).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "TimeSeriesTarget[" + kind + " " + url + ", user=" + username.orElse("none") + "]";
  }
}
