package io.plantline.demo.soak;

import io.plantline.demo.PlantDemo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A plant-wide soak: the demo plant with many devices and gateways under load for a stated time, a
 * seeded schedule of faults one after the other, overheating spindles as anomalies, and at the end
 * the accounting of every reading against the simulator's ledger ({@link SoakReport}).
 */
public final class SoakRun {
  /** Input register of the simulator's served-read counter (free in every device model). */
  static final int SERVED_COUNTER_ADDRESS = 9000;

  static final String ANOMALY_RULE = "winding-overtemperature";

  /** The rate-of-rise rule that sees the same overheating (MEDIUM: it opens no work order). */
  static final String ANOMALY_RATE_RULE = "winding-temperature-climb";

  /**
   * A fault with its recovery.
   *
   * @param injected the fault as it happened
   * @param recovery from the fault's clearing until backlog and lag were back under the bound, null
   *     if not within the recovery timeout
   * @param backlogPeak the largest backlog (lag + journal) sampled from the fault to its recovery
   */
  record FaultResult(FaultInjector.Injected injected, Duration recovery, long backlogPeak) {}

  /**
   * The plant after the accounting, before it stops: for checks that need it running.
   *
   * @param endpoints where it answers
   * @param anomalies the spindles that overheated
   * @param failures what the soak found wrong
   * @param simulator the simulated plant's control API (every device halted by the drain)
   */
  public record Finished(
      PlantDemo demo,
      PlantDemo.Endpoints endpoints,
      List<String> anomalies,
      List<String> failures,
      SimulatorControl simulator) {}

  /** What to do with the plant once it is accounted for. */
  @FunctionalInterface
  public interface AfterAccounting {
    void accept(Finished finished) throws Exception;
  }

  private final SoakSettings settings;

  public SoakRun(SoakSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs the soak and prints its report.
   *
   * @return 0 when nothing was lost, duplicated, left behind or out of bounds; 1 otherwise
   */
  public int run(PrintStream out) throws Exception {
    return run(out, finished -> {});
  }

  /**
   * Runs the soak, prints its report, then hands the still running plant to {@code after}.
   *
   * @return 0 when nothing was lost, duplicated, left behind or out of bounds; 1 otherwise
   */
  public int run(PrintStream out, AfterAccounting after) throws Exception {
    Path state = settings.stateDir().toAbsolutePath();
    SoakPlant.Written plant = SoakPlant.write(state.resolve("soak"), settings.devices());
    PlantDemo.Topology topology =
        new PlantDemo.Topology(
            plant.file(),
            settings.gatewaysPerSite(),
            settings.journalFsync(),
            OptionalInt.of(SERVED_COUNTER_ADDRESS),
            Optional.of(settings.fastPoll()),
            settings.operatorViews(),
            settings.operatorViews(),
            SoakPlant.SITES);
    try (PlantDemo demo =
        new PlantDemo(
            new PlantDemo.Settings(
                settings.repoRoot(), state, Optional.empty(), settings.speed(), 0, topology))) {
      PlantDemo.Endpoints endpoints = demo.start(out);
      SimulatorControl simulator =
          new SimulatorControl(endpoints.simulatorControlUrl(), endpoints.simulatorToken());
      try (SoakMonitor monitor =
          new SoakMonitor(demo, endpoints.gatewayUrls(), demo.kafka().clientProperties())) {
        monitor.start(Duration.ofSeconds(2));
        Instant begin = Instant.now();
        out.printf(
            "%nSoak: %d devices, %d gateways, fast poll %d ms, journal fsync %s, %s, faults %s x%d%n",
            settings.devices(),
            endpoints.gatewayUrls().size(),
            settings.fastPoll().toMillis(),
            settings.journalFsync(),
            settings.duration(),
            settings.faults().stream().map(FaultKind::wireName).sorted().toList(),
            settings.rounds());
        Duration warm = monitor.awaitBacklogUnder(settings.lagBound(), Duration.ofMinutes(3));
        out.printf(
            "  flowing after %s%n",
            warm == null ? "no settle within 3 min" : "%.1f s".formatted(warm.toMillis() / 1e3));

        List<String> anomalies = injectAnomalies(simulator, plant.spindles(), out);
        List<FaultResult> faults = runFaults(demo, endpoints, simulator, monitor, begin, out);
        Instant end = begin.plus(settings.duration());
        while (Instant.now().isBefore(end)) {
          Thread.sleep(Math.min(5000, Duration.between(Instant.now(), end).toMillis() + 1));
        }

        monitor.sampleNow();
        // before the halt below, whose timeouts are not part of the run
        Map<String, Long> failedReadAttempts = monitor.failedReadAttempts();
        out.println("  run over: the simulated devices stop answering; draining...");
        List<String> devices = new ArrayList<>(endpoints.gatewayOfDevice().keySet());
        for (String device : devices) {
          simulator.fault(device, "no-response", 1.0);
        }
        Thread.sleep(3000); // polls already answered reach the journals
        Map<String, Long> ledger = simulator.ledger();
        Duration drained = monitor.awaitBacklogUnder(0, Duration.ofMinutes(5));
        SoakMonitor.Sample last = monitor.sampleNow();
        out.printf(
            "  drained: %s%n",
            drained == null
                ? "NO, backlog " + last.backlog() + " after 5 min"
                : "%.1f s".formatted(drained.toMillis() / 1e3));

        SoakAccounting.Outcome outcome =
            new SoakAccounting(demo, begin).count(ledger, endpoints.cassandraLogin());
        SoakReport report =
            new SoakReport(
                settings,
                endpoints.gatewayOfDevice(),
                failedReadAttempts,
                anomalies,
                faults,
                monitor.samples(),
                last,
                outcome,
                begin,
                Instant.now());
        report.print(out);
        report.writeJson(settings.report());
        out.println("Report written to " + settings.report().toAbsolutePath());
        after.accept(new Finished(demo, endpoints, anomalies, report.failures(), simulator));
        return report.failures().isEmpty() ? 0 : 1;
      }
    }
  }

  /** Overheats the first spindles of a seeded shuffle, a few seconds apart. */
  private List<String> injectAnomalies(
      SimulatorControl simulator, List<String> spindles, PrintStream out)
      throws InterruptedException {
    List<String> pool = new ArrayList<>(spindles);
    Collections.shuffle(pool, new Random(settings.seed()));
    List<String> chosen = List.copyOf(pool.subList(0, settings.anomalies()));
    for (String spindle : chosen) {
      simulator.act(spindle, Map.of("action", "overheating", "coolingLoss", 0.8));
      out.println("  anomaly: " + spindle + " overheats (cooling loss 0.8)");
      Thread.sleep(2000);
    }
    return chosen;
  }

  private List<FaultResult> runFaults(
      PlantDemo demo,
      PlantDemo.Endpoints endpoints,
      SimulatorControl simulator,
      SoakMonitor monitor,
      Instant begin,
      PrintStream out)
      throws InterruptedException {
    Duration window = settings.duration().multipliedBy(80).dividedBy(100);
    List<FaultSchedule.PlannedFault> plan =
        FaultSchedule.plan(settings.faults(), settings.rounds(), window, settings.seed());
    FaultInjector injector =
        new FaultInjector(
            demo,
            simulator,
            List.copyOf(endpoints.gatewayUrls().keySet()),
            List.copyOf(endpoints.gatewayOfDevice().keySet()),
            settings.cassandraOutage());
    List<FaultResult> results = new ArrayList<>();
    for (FaultSchedule.PlannedFault planned : plan) {
      Instant due = begin.plus(Duration.ofSeconds(20)).plus(planned.at());
      while (Instant.now().isBefore(due)) {
        Thread.sleep(Math.min(1000, Duration.between(Instant.now(), due).toMillis() + 1));
      }
      out.printf(
          "  %6.0f s  %-16s",
          Duration.between(begin, Instant.now()).toMillis() / 1e3, planned.kind().wireName());
      FaultInjector.Injected injected = injector.inject(planned.kind(), planned.targetSeed());
      Duration recovery =
          monitor.awaitBacklogUnder(settings.lagBound(), settings.recoveryTimeout());
      long peak = monitor.peakBacklog(injected.startedAt(), Instant.now());
      out.printf(
          " %-28s %s; recovered %s, backlog peak %d%n",
          injected.target().length() > 28
              ? injected.target().substring(0, 25) + "..."
              : injected.target(),
          injected.detail(),
          recovery == null
              ? "NOT within " + settings.recoveryTimeout().toSeconds() + " s"
              : "after %.1f s".formatted(recovery.toMillis() / 1e3),
          peak);
      results.add(new FaultResult(injected, recovery, peak));
    }
    return results;
  }
}
