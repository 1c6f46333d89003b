package io.plantline.demo.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What a soak runs.
 *
 * @param repoRoot the checkout, whose modules were packaged
 * @param stateDir where secrets, logs, journals and the report go
 * @param duration how long the plant runs under load, faults included
 * @param devices simulated Modbus devices, split over two sites
 * @param gatewaysPerSite edge gateways per site
 * @param fastPoll the fast poll period of every device (the served-read counter is polled with it)
 * @param journalFsync the gateways' journal fsync policy ({@code always} or {@code interval})
 * @param faults the fault kinds to inject
 * @param rounds how often each fault kind is injected
 * @param anomalies how many spindles overheat (one alarm and one work order each expected)
 * @param cassandraOutage how long Cassandra stays frozen per outage
 * @param lagBound recovered means consumer lag and gateway backlogs under this many records
 * @param recoveryTimeout a fault not recovered within this fails the soak
 * @param seed seed of the fault order, targets and anomaly devices
 * @param speed simulated seconds per real second
 * @param report where the JSON report goes
 * @param operatorViews whether the console and the quality and energy services run too, as in the
 *     demo (their consumer groups then count in the recovery bound)
 */
public record SoakSettings(
    Path repoRoot,
    Path stateDir,
    Duration duration,
    int devices,
    int gatewaysPerSite,
    Duration fastPoll,
    String journalFsync,
    Set<FaultKind> faults,
    int rounds,
    int anomalies,
    Duration cassandraOutage,
    long lagBound,
    Duration recoveryTimeout,
    long seed,
    double speed,
    Path report,
    boolean operatorViews) {

  public SoakSettings {
    faults = Set.copyOf(faults);
    if (devices < 4) {
      throw new IllegalArgumentException("--devices must be at least 4, was " + devices);
    }
    if (gatewaysPerSite < 1) {
      throw new IllegalArgumentException("--gateways-per-site must be >= 1");
    }
    if (fastPoll.toMillis() < 50) {
      throw new IllegalArgumentException("--rate gives a poll period under 50 ms");
    }
    if (anomalies < 0 || anomalies > devices / 4) {
      throw new IllegalArgumentException(
          "--anomalies must be 0.." + devices / 4 + " (spindles available), was " + anomalies);
    }
  }
}
