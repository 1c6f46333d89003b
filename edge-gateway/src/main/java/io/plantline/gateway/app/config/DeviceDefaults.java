package io.plantline.gateway.app.config;

import java.time.Duration;
import java.util.List;

/**
 * The per-device settings that the {@code defaults} section sets for every device and a device may
 * override, with their ranges. The same reader checks both places, so a value means the same
 * wherever it is written.
 */
record DeviceDefaults(
    Duration timeout,
    int retries,
    int maxGap,
    int quarantineAfter,
    Duration quarantineProbe,
    Duration maxSilence,
    double deadband) {

  /** The keys of the {@code defaults} section. */
  static final List<String> KEYS =
      List.of(
          "timeout",
          "retries",
          "maxGap",
          "quarantineAfter",
          "quarantineProbe",
          "maxSilence",
          "deadband");

  /** The defaults of a file without a {@code defaults} section. */
  static final DeviceDefaults BUILT_IN =
      new DeviceDefaults(
          Duration.ofSeconds(1), 1, 8, 5, Duration.ofSeconds(60), Duration.ofSeconds(60), 0.0);

  /** Reads the {@code defaults} section over the built-in defaults. */
  static DeviceDefaults read(ConfigNode defaults) {
    DeviceDefaults knobs = BUILT_IN.overriddenBy(defaults);
    return new DeviceDefaults(
        knobs.timeout,
        knobs.retries,
        knobs.maxGap,
        knobs.quarantineAfter,
        knobs.quarantineProbe,
        knobs.maxSilence,
        defaults.number("deadband", BUILT_IN.deadband, 0));
  }

  /**
   * These settings with the values the node sets for timeout, retries, maxGap, quarantineAfter,
   * quarantineProbe and maxSilence; the deadband is kept (a device sets it per point).
   */
  DeviceDefaults overriddenBy(ConfigNode node) {
    return new DeviceDefaults(
        node.duration("timeout", timeout, "50ms", "60s"),
        node.integer("retries", retries, 0, 10),
        node.integer("maxGap", maxGap, 0, 124),
        node.integer("quarantineAfter", quarantineAfter, 1, 1000),
        node.duration("quarantineProbe", quarantineProbe, "1s", "1h"),
        node.duration("maxSilence", maxSilence, "0s", "24h"),
        deadband);
  }
}
