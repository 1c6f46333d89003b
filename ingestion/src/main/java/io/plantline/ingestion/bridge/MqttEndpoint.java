package io.plantline.ingestion.bridge;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the MQTT broker listens: {@code mqtt://host:port} (plain TCP, default port 1883) or {@code
 * mqtts://host:port} (TLS, default port 8883).
 *
 * @param host the broker host
 * @param port the broker port, 1..65535
 * @param tls whether to connect with TLS
 */
public record MqttEndpoint(String host, int port, boolean tls) {

  /** Checks the host and the port range. */
  public MqttEndpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host missing");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /**
   * Parses {@code mqtt://host:port} or {@code mqtts://host:port}.
   *
   * @throws IllegalArgumentException naming what is wrong with the URL
   */
  public static MqttEndpoint parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("missing (mqtt://host:port or mqtts://host:port)");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + url + "'");
    }
    boolean tls;
    if ("mqtt".equals(uri.getScheme())) {
      tls = false;
    } else if ("mqtts".equals(uri.getScheme())) {
      tls = true;
    } else {
      throw new IllegalArgumentException("must start with mqtt:// or mqtts://, was '" + url + "'");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host in '" + url + "'");
    }
    if ((uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
      throw new IllegalArgumentException("must be only scheme://host:port, was '" + url + "'");
    }
    int port = uri.getPort() == -1 ? (tls ? 8883 : 1883) : uri.getPort();
    return new MqttEndpoint(uri.getHost(), port, tls);
  }

  @Override
  public String toString() {
    return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
  }
}
