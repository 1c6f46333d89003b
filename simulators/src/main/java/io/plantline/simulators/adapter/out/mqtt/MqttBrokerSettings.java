package io.plantline.simulators.adapter.out.mqtt;

import java.util.Objects;
import java.util.Optional;

/**
 * Where MQTT device simulators publish.
 *
 * @param host broker host
 * @param port broker port
 * @param username login (anonymous access is not offered)
 * @param password password
 * @param caCertificate PEM of the CA to trust for TLS; empty for plain TCP
 */
public record MqttBrokerSettings(
    String host, int port, String username, String password, Optional<String> caCertificate) {
  public MqttBrokerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caCertificate, "caCertificate");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("mqtt port must be 1..65535, was " + port);
    }
  }

  /** Parses {@code tcp://host:port} or {@code ssl://host:port}. */
  public static MqttBrokerSettings fromUrl(
      String url, String username, String password, String caFile) {
    java.net.URI uri = java.net.URI.create(url);
    boolean tls = "ssl".equals(uri.getScheme()) || "mqtts".equals(uri.getScheme());
    if (!tls && !"tcp".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "--mqtt-url must be tcp://host:port or ssl://host:port, was " + url);
    }
    if (tls && caFile == null) {
      throw new IllegalArgumentException("--mqtt-ca is required with an ssl:// broker URL");
    }
    return new MqttBrokerSettings(
        uri.getHost(),
        uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort(),
        username,
        password,
        Optional.ofNullable(tls ? caFile : null));
  }
}
