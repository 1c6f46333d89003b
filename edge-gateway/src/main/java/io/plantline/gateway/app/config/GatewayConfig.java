package io.plantline.gateway.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole configuration of one gateway, read from one YAML file (format: module README,
 * "Configuration"). Loading validates everything; the first problem stops start-up with a {@link
 * ConfigException} of one line naming the file and the key path.
 *
 * @param gatewayId this gateway's id
 * @param siteId the site the gateway belongs to
 * @param devices the polled devices, at least one, in file order
 * @param mqtt the MQTT uplink, if configured
 * @param kafka the Kafka uplink, if configured; at least one of the two is
 * @param journal the store-and-forward journal
 * @param replayMaxRecordsPerSecond the replay rate limit after an uplink outage
 * @param httpBind the address of the health and metrics endpoint
 * @param httpPort its port; 0 picks a free port
 */
public record GatewayConfig(
    String gatewayId,
    String siteId,
    List<DeviceConfig> devices,
    Optional<MqttUplinkConfig> mqtt,
    Optional<KafkaUplinkConfig> kafka,
    JournalSettings journal,
    int replayMaxRecordsPerSecond,
    String httpBind,
    int httpPort) {

  /** Checks for missing values and copies the device list. */
  public GatewayConfig {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(httpBind, "httpBind");
    devices = List.copyOf(devices);
  }

  /**
   * Reads and validates a configuration file (UTF-8). Relative paths in it (register maps, password
   * and CA files, the journal directory) resolve against the file's directory; {@code passwordEnv}
   * reads {@link System#getenv(String)}.
   *
   * @throws ConfigException for an unreadable file (key path {@code $}) or any invalid value
   */
  public static GatewayConfig load(Path file) {
    Objects.requireNonNull(file, "file");
    String source = file.toString();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          source, "$", "cannot read the file (" + e.getClass().getSimpleName() + ")", e);
    }
    Path baseDir = file.toAbsolutePath().getParent();
    return parse(yaml, source, baseDir, System::getenv);
  }

  /**
   * Reads and validates a configuration from YAML text.
   *
   * @param source names the text in errors, e.g. the file name
   * @param baseDir the directory that relative paths resolve against
   * @param env looks up environment variables by name (null when unset)
   * @throws ConfigException for any invalid value
   */
  public static GatewayConfig parse(
      String yaml, String source, Path baseDir, Function<String, String> env) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(env, "env");
    return new GatewayConfigReader(source, baseDir, env).read(yaml);
  }
}
