package io.plantline.gateway.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT uplink: broker address, credentials and session limits. {@link #toString()} never shows
 * the password.
 *
 * @param host the broker host
 * @param port the broker port, 1..65535
 * @param tls whether to connect with TLS ({@code ssl://} URL)
 * @param username the MQTT user name
 * @param password the MQTT password, read from a file or an environment variable
 * @param caFile the PEM CA certificate(s) that sign the broker's certificate; set for TLS
 * @param keepAlive the MQTT keep-alive interval
 * @param maxInflight the most QoS 1 messages awaiting PUBACK
 */
public record MqttUplinkConfig(
    String host,
    int port,
    boolean tls,
    String username,
    String password,
    Optional<Path> caFile,
    Duration keepAlive,
    int maxInflight) {

  /** Checks for missing values and the port range. */
  public MqttUplinkConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
  }

  /** The broker URL, e.g. {@code ssl://broker.example:8883}. */
  public String url() {
    return (tls ? "ssl://" : "tcp://") + new HostPort(host, port);
  }

  @Override
  public String toString() {
    return "MqttUplinkConfig[url="
        + url()
        + ", username="
        + username
        + ", password=****, caFile="
        + caFile.map(Path::toString).orElse("none")
        + ", keepAlive="
        + keepAlive
        + ", maxInflight="
        + maxInflight
        + "]";
  }
}
