package io.plantline.gateway.app.config;

import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One polled Modbus device with its effective settings (its own values, else the file's {@code
 * defaults}, else the built-in defaults).
 *
 * @param deviceId unique on the gateway, an {@link io.plantline.contracts.Ids id}
 * @param areaId the plant area, an id
 * @param host the Modbus TCP host (or serial gateway); devices sharing host and port share one
 *     connection
 * @param port the Modbus TCP port
 * @param unitId the Modbus unit id, 0..255; unique per endpoint
 * @param registerMap the device's register map
 * @param pollClasses the effective poll classes: the map's, with the device's overrides applied
 * @param timeout the response timeout of one request
 * @param retries the retries of a failed request before the poll counts as failed
 * @param maxGap the most unused registers read to merge two points into one request
 * @param quarantineAfter consecutive failed polls that quarantine the device
 * @param quarantineProbe the probe period of a quarantined device
 * @param maxSilence the heartbeat: the longest time a point goes unreported; zero reports every
 *     poll (report-by-exception off)
 * @param defaultDeadband the report-by-exception deadband of points without their own
 * @param deadbands per-point deadbands, in engineering units
 * @param spikeFilterType {@code none}, {@code median3} or {@code hampel}
 * @param hampelHalfWindow the Hampel half window (used for {@code hampel} only)
 * @param hampelSigmas the Hampel threshold in robust sigmas (used for {@code hampel} only)
 * @param spikeFilterPoints the points the spike filter applies to
 * @param writeLimits this machine's write limits per setpoint, within the register map's
 */
public record DeviceConfig(
    String deviceId,
    String areaId,
    String host,
    int port,
    int unitId,
    RegisterMap registerMap,
    Map<String, Duration> pollClasses,
    Duration timeout,
    int retries,
    int maxGap,
    int quarantineAfter,
    Duration quarantineProbe,
    Duration maxSilence,
    double defaultDeadband,
    Map<String, Double> deadbands,
    String spikeFilterType,
    int hampelHalfWindow,
    double hampelSigmas,
    Set<String> spikeFilterPoints,
    Map<String, WriteLimits> writeLimits) {

  /** Checks for missing values and copies the collections, keeping their order. */
  public DeviceConfig {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(areaId, "areaId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(registerMap, "registerMap");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(quarantineProbe, "quarantineProbe");
    Objects.requireNonNull(maxSilence, "maxSilence");
    Objects.requireNonNull(spikeFilterType, "spikeFilterType");
    pollClasses = Collections.unmodifiableMap(new LinkedHashMap<>(pollClasses));
    deadbands = Collections.unmodifiableMap(new LinkedHashMap<>(deadbands));
    spikeFilterPoints = Collections.unmodifiableSet(new LinkedHashSet<>(spikeFilterPoints));
    writeLimits = Collections.unmodifiableMap(new LinkedHashMap<>(writeLimits));
  }

  /**
   * Why {@code value} may not be written to {@code point} of this device, if it may not: the
   * register map's rules ({@link PointDefinition#writeViolation(double)}), then this machine's own
   * narrower limits.
   */
  public Optional<String> writeViolation(PointDefinition point, double value) {
    Optional<String> byType = point.writeViolation(value);
    if (byType.isPresent()) {
      return byType;
    }
    WriteLimits installed = writeLimits.get(point.name());
    return installed == null ? Optional.empty() : installed.violation(point.name(), value);
  }

  /** {@code host:port}, the key of the shared connection; IPv6 hosts in brackets. */
  public String endpoint() {
    return new HostPort(host, port).toString();
  }

  /** The deadband of a point: its own, else the device's default. */
  public double deadbandOf(String point) {
    return deadbands.getOrDefault(point, defaultDeadband);
  }
}
