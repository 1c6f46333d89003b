package io.plantline.ingestion.cli;

import io.plantline.ingestion.bridge.MqttEndpoint;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a plant-side process logs in to the MQTT broker: the bridge (a reader) and the console (a
 * commander) read it from the same {@code --mqtt-url}, {@code --mqtt-username}, {@code
 * --mqtt-password-file}/{@code --mqtt-password-env} and {@code --mqtt-ca-file} options and connect
 * with the same client settings.
 *
 * @param endpoint the broker
 * @param username the process's broker user
 * @param password its password (never printed)
 * @param caFile the CA of the broker's certificate for mqtts, if not the JVM's
 */
public record MqttLogin(
    MqttEndpoint endpoint, String username, String password, Optional<Path> caFile) {

  /** Checks presence. */
  public MqttLogin {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(caFile, "caFile");
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("MQTT username missing");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("MQTT password missing");
    }
  }

  /**
   * Validates the options.
   *
   * @param usernameHint how else the user may be given, for the error message, e.g. {@code "or set
   *     PLANTLINE_MQTT_USERNAME"}
   * @throws OptionException naming the first wrong option
   */
  public static MqttLogin fromOptions(
      String url,
      String username,
      Path passwordFile,
      String passwordEnv,
      Path caFile,
      Secrets secrets,
      String usernameHint) {
    MqttEndpoint endpoint;
    try {
      endpoint = MqttEndpoint.parse(url);
    } catch (IllegalArgumentException e) {
      throw new OptionException("--mqtt-url", e.getMessage());
    }
    if (username == null || username.isBlank()) {
      throw new OptionException("--mqtt-username", "missing (" + usernameHint + ")");
    }
    String password =
        secrets.password(
            "--mqtt-password-file",
            Optional.ofNullable(passwordFile),
            "--mqtt-password-env",
            Optional.ofNullable(passwordEnv));
    Optional<Path> ca = Optional.ofNullable(caFile);
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      throw new OptionException("--mqtt-ca-file", "cannot read " + ca.get());
    }
    if (ca.isPresent() && !endpoint.tls()) {
      throw new OptionException("--mqtt-ca-file", "needs an mqtts:// URL in --mqtt-url");
    }
    return new MqttLogin(endpoint, username.strip(), password, ca);
  }

  /**
   * Client options with this login: the client id, user and password, a 30 s keep-alive, and for
   * mqtts TLS with host name verification against the CA file (or the JVM's trust store).
   */
  public MqttClientOptions clientOptions(String clientId) {
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId(clientId)
            .setUsername(username)
            .setPassword(password)
            .setKeepAliveInterval(30);
    if (endpoint.tls()) {
      options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      caFile.ifPresent(
          ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    }
    return options;
  }

  @Override
  public String toString() {
    return endpoint + " as " + username;
  }
}
