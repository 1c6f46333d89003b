package io.plantline.demo.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plantline soak}: the plant-wide soak with faults; exit 1 when anything is off. */
@Command(
    name = "plantline soak",
    mixinStandardHelpOptions = true,
    description =
        "Runs the demo plant with many devices and gateways under load, injects a seeded schedule"
            + " of faults, and accounts for every reading the simulated devices served: lost,"
            + " duplicated, out of order, alarms and work orders per anomaly, recovery times,"
            + " latency and resources. Exits 1 naming what failed.")
public final class SoakMain implements Callable<Integer> {

  @Option(
      names = "--minutes",
      defaultValue = "30",
      description = "run time under load, default ${DEFAULT-VALUE}")
  double minutes;

  @Option(
      names = "--devices",
      defaultValue = "200",
      description = "simulated Modbus devices, default ${DEFAULT-VALUE}")
  int devices;

  @Option(
      names = "--gateways-per-site",
      defaultValue = "2",
      description = "edge gateways per site (two sites), default ${DEFAULT-VALUE}")
  int gatewaysPerSite;

  @Option(
      names = "--rate",
      defaultValue = "4",
      description =
          "fast-class polls per second per device (each a reading); default ${DEFAULT-VALUE}")
  double rate;

  @Option(
      names = "--fsync",
      defaultValue = "always",
      description = "gateway journal fsync: always or interval; default ${DEFAULT-VALUE}")
  String fsync;

  @Option(
      names = "--faults",
      split = ",",
      description =
          "fault kinds, default all: gateway-kill, bridge-kill, mqtt-restart, kafka-restart, cassandra-outage, flink-crash, modbus-faults")
  List<String> faults;

  @Option(
      names = "--rounds",
      defaultValue = "0",
      description = "injections per fault kind; default 0 = as many as fit at one per 2 min")
  int rounds;

  @Option(
      names = "--anomalies",
      defaultValue = "3",
      description = "overheating spindles, default ${DEFAULT-VALUE}")
  int anomalies;

  @Option(
      names = "--cassandra-outage-seconds",
      defaultValue = "60",
      description = "default ${DEFAULT-VALUE}")
  int cassandraOutageSeconds;

  @Option(
      names = "--lag-bound",
      defaultValue = "0",
      description =
          "recovered = lag + journal backlog under this many records; 0 = 10 s of traffic")
  long lagBound;

  @Option(
      names = "--recovery-timeout-seconds",
      defaultValue = "240",
      description = "default ${DEFAULT-VALUE}")
  int recoveryTimeoutSeconds;

  @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--speed",
      defaultValue = "25",
      description = "simulated seconds per real second, default ${DEFAULT-VALUE}")
  double speed;

  @Option(
      names = "--state-dir",
      defaultValue = ".plantline/soak",
      description = "default ${DEFAULT-VALUE}")
  Path stateDir;

  @Option(
      names = "--report",
      defaultValue = ".plantline/soak/soak-report.json",
      description = "JSON report, default ${DEFAULT-VALUE}")
  Path report;

  @Option(
      names = "--with-console",
      description = "also run the console and the quality and energy services, as the demo does")
  boolean withConsole;

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new SoakMain());
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          cmd.getErr().println("plantline soak: " + e.getMessage());
          return 2;
        });
    cmd.setExecutionExceptionHandler(
        (e, c, r) -> {
          c.getErr().println("plantline soak: " + e.getMessage());
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    System.exit(cmd.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    return new SoakRun(settings(Path.of("."))).run(System.out);
  }

  /** The settings these options give; a bad value is an {@link IllegalArgumentException}. */
  SoakSettings settings(Path repoRoot) {
    if (!(minutes > 0 && minutes <= 24 * 60)) {
      throw new IllegalArgumentException("--minutes must be in (0, 1440], was " + minutes);
    }
    if (!(rate > 0 && rate <= 20)) {
      throw new IllegalArgumentException("--rate must be in (0, 20], was " + rate);
    }
    Set<FaultKind> kinds =
        faults == null || faults.isEmpty()
            ? EnumSet.allOf(FaultKind.class)
            : new LinkedHashSet<>(faults.stream().map(FaultKind::fromWireName).toList());
    Duration duration = Duration.ofMillis((long) (minutes * 60_000));
    int effectiveRounds =
        rounds > 0 ? rounds : (int) Math.max(1, duration.toMinutes() * 8 / 10 / 2 / kinds.size());
    long perSecond = Math.round(devices * (rate + 1.1));
    return new SoakSettings(
        repoRoot,
        stateDir,
        duration,
        devices,
        gatewaysPerSite,
        Duration.ofMillis(Math.round(1000 / rate)),
        fsync,
        kinds,
        effectiveRounds,
        anomalies,
        Duration.ofSeconds(cassandraOutageSeconds),
        lagBound > 0 ? lagBound : 10 * perSecond,
        Duration.ofSeconds(recoveryTimeoutSeconds),
        seed,
        speed,
        report,
        withConsole);
  }
}
