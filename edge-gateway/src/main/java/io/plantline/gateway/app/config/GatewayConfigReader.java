package io.plantline.gateway.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a whole configuration file, section by section in file order: {@code gateway}, {@code
 * defaults}, {@code devices}, {@code uplinks}, {@code journal}, {@code replay}, {@code http}. The
 * first problem found is thrown.
 */
final class GatewayConfigReader {

  private static final List<String> ROOT_KEYS =
      List.of("gateway", "defaults", "devices", "uplinks", "journal", "replay", "http");
  private static final List<String> GATEWAY_KEYS = List.of("id", "site");
  private static final List<String> JOURNAL_KEYS =
      List.of("directory", "maxBytes", "segmentBytes", "fsync", "fsyncInterval", "overflow");
  private static final List<String> REPLAY_KEYS = List.of("maxRecordsPerSecond");
  private static final List<String> HTTP_KEYS = List.of("bind", "port");
  private static final int DEFAULT_REPLAY_RATE = 5000;
  private static final String DEFAULT_BIND = "127.0.0.1";
  private static final int DEFAULT_PORT = 8080;

  private final String source;
  private final Path baseDir;
  private final Function<String, String> env;

  GatewayConfigReader(String source, Path baseDir, Function<String, String> env) {
    this.source = source;
    this.baseDir = baseDir;
    this.env = env;
  }

  GatewayConfig read(String yaml) {
    JsonNode tree = ConfigYaml.read(yaml, source);
    ConfigNode root = ConfigNode.mapping(source, "", tree, ROOT_KEYS);
    ConfigNode gateway = root.child("gateway", GATEWAY_KEYS);
    String gatewayId = gateway.id("id");
    String siteId = gateway.id("site");
    DeviceDefaults defaults =
        root.optionalChild("defaults", DeviceDefaults.KEYS)
            .map(DeviceDefaults::read)
            .orElse(DeviceDefaults.BUILT_IN);
    List<DeviceConfig> devices = new DeviceReader(baseDir, defaults).readAll(root);
    UplinkReader.Uplinks uplinks = new UplinkReader(baseDir, env).read(root);
    JournalSettings journal = journal(root.child("journal", JOURNAL_KEYS));
    int replayRate =
        root.optionalChild("replay", REPLAY_KEYS)
            .map(r -> r.integer("maxRecordsPerSecond", DEFAULT_REPLAY_RATE, 1, 1_000_000))
            .orElse(DEFAULT_REPLAY_RATE);
    ConfigNode http =
        root.optionalChild("http", HTTP_KEYS)
            .orElseGet(
                () ->
                    ConfigNode.mapping(
                        source, "http", JsonNodeFactory.instance.objectNode(), HTTP_KEYS));
    return new GatewayConfig(
        gatewayId,
        siteId,
        devices,
        uplinks.mqtt(),
        uplinks.kafka(),
        journal,
        replayRate,
        bind(http),
        http.integer("port", DEFAULT_PORT, 0, 65535));
  }

  private static String bind(ConfigNode http) {
    String bind = http.text("bind").orElse(DEFAULT_BIND);
    if (!HostPort.isHost(bind)) {
      throw http.fail("bind", "must be a host name or IP address, was " + bind);
    }
    return bind;
  }

  private JournalSettings journal(ConfigNode node) {
    Path directory = baseDir.resolve(node.requiredText("directory")).normalize();
    long segmentBytes = node.size("segmentBytes", 8L << 20, "64KiB", "1GiB");
    long maxBytes = node.size("maxBytes", 1L << 30, "1MiB", "4096GiB");
    if (maxBytes < 2 * segmentBytes) {
      throw node.fail(
          "maxBytes",
          "must be at least twice segmentBytes ("
              + Quantities.formatSize(2 * segmentBytes)
              + "), was "
              + Quantities.formatSize(maxBytes));
    }
    String fsync = node.choice("fsync", "interval", JournalSettings.FSYNC_POLICIES);
    if (!fsync.equals("interval") && node.has("fsyncInterval")) {
      throw node.fail("fsyncInterval", "only used with fsync: interval");
    }
    Duration fsyncInterval = node.duration("fsyncInterval", Duration.ofMillis(200), "1ms", "10s");
    String overflow = node.choice("overflow", "drop-oldest", JournalSettings.OVERFLOW_POLICIES);
    return new JournalSettings(directory, maxBytes, segmentBytes, fsync, fsyncInterval, overflow);
  }
}
