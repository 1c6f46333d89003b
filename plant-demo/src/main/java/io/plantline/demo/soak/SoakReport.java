package io.plantline.demo.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's accounting as a table and as JSON, and the list of what failed: anything lost,
 * duplicated, out of order or left behind, an alarm or work order missing or extra, a fault not
 * recovered from, a process whose memory keeps growing.
 */
final class SoakReport {
  /** Memory growth from the second to the last third of a run that flags a leak. */
  private static final double LEAK_GROWTH = 0.25;

  private static final long LEAK_MIN_BYTES = 64L << 20;
  private static final Duration LEAK_MIN_RUN = Duration.ofMinutes(10);

  /** One process's resources over the run (its latest PID only, after a restart). */
  record Resources(
      String name,
      long pid,
      long startMib,
      long peakMib,
      long endMib,
      Double growth,
      double cpuCores,
      boolean leak) {}

  private final SoakSettings settings;
  private final Map<String, String> gatewayOfDevice;
  private final Map<String, Long> failedReadAttempts;
  private final List<String> anomalies;
  private final List<SoakRun.FaultResult> faults;
  private final List<SoakMonitor.Sample> samples;
  private final SoakMonitor.Sample last;
  private final SoakAccounting.Outcome outcome;
  private final Instant begin;
  private final Instant end;
  private final List<Resources> resources;
  private final List<String> failures = new ArrayList<>();

  SoakReport(
      SoakSettings settings,
      Map<String, String> gatewayOfDevice,
      Map<String, Long> failedReadAttempts,
      List<String> anomalies,
      List<SoakRun.FaultResult> faults,
      List<SoakMonitor.Sample> samples,
      SoakMonitor.Sample last,
      SoakAccounting.Outcome outcome,
      Instant begin,
      Instant end) {
    this.settings = settings;
    this.gatewayOfDevice = gatewayOfDevice;
    this.failedReadAttempts = failedReadAttempts;
    this.anomalies = anomalies;
    this.faults = faults;
    this.samples = samples;
    this.last = last;
    this.outcome = outcome;
    this.begin = begin;
    this.end = end;
    this.resources = resources();
    judge();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  private long gatewayKills(String gateway) {
    return faults.stream()
        .filter(
            f ->
                f.injected().kind() == FaultKind.GATEWAY_KILL
                    && f.injected().target().equals(gateway))
        .count();
  }

  /**
   * Served reads a gateway may never have acquired: those in flight when it was killed (two per
   * kill: a poll and its retry) and one per read attempt the gateway gave up on (a timeout or a
   * malformed frame, whose late answer it discarded; from its {@code /metrics}).
   */
  private long notAcquiredAllowance(String deviceId) {
    String gateway = gatewayOfDevice.get(deviceId);
    long kills = gateway == null ? 0 : gatewayKills(gateway);
    return 2 * kills + failedReadAttempts.getOrDefault(deviceId, 0L);
  }

  private void judge() {
    for (SoakAccounting.DeviceTally d : outcome.devices().values()) {
      long seqLossAllowed = 0;
      if (settings.journalFsync().equals("interval")) {
        // readings journaled but not yet fsynced when the gateway died: one fsync interval's worth
        long perKill = 1 + Duration.ofMillis(200).toMillis() / settings.fastPoll().toMillis();
        seqLossAllowed = 3 * perKill * gatewayKills(gatewayOfDevice.getOrDefault(d.deviceId, ""));
      }
      check(
          d.seqGaps() <= seqLossAllowed,
          d,
          "%d readings lost after the gateway acquired them",
          d.seqGaps());
      check(
          d.missingInTimeSeries() == 0,
          d,
          "%d readings missing in the time-series store",
          d.missingInTimeSeries());
      check(
          d.missingInCassandra() == 0,
          d,
          "%d readings missing in Cassandra",
          d.missingInCassandra());
      check(
          d.timeSeriesRows == d.inTimeSeries,
          d,
          "%d duplicate rows in the time-series store",
          d.timeSeriesRows - d.inTimeSeries);
      check(d.duplicated == 0, d, "%d readings duplicated", d.duplicated);
      check(d.outOfOrder == 0, d, "%d readings out of order within a gateway boot", d.outOfOrder);
      check(d.cassandraOnlyRows == 0, d, "%d Cassandra rows not in Kafka", d.cassandraOnlyRows);
      check(
          d.notAcquired() <= notAcquiredAllowance(d.deviceId),
          d,
          "%d served reads never acquired (allowed %d: in flight at gateway kills, failed attempts)",
          d.notAcquired(),
          notAcquiredAllowance(d.deviceId));
      check(d.served > 0, d, "served nothing%s", "");
    }
    for (String device : anomalies) {
      int raised =
          outcome
              .raisedByDeviceAndRule()
              .getOrDefault(device, Map.of())
              .getOrDefault(SoakRun.ANOMALY_RULE, 0);
      if (raised != 1) {
        failures.add(
            device + ": " + raised + " " + SoakRun.ANOMALY_RULE + " alarms raised, expected 1");
      }
      int orders = outcome.workOrdersByDevice().getOrDefault(device, 0);
      if (orders != 1) {
        failures.add(device + ": " + orders + " work orders opened, expected 1");
      }
    }
    outcome
        .raisedByDeviceAndRule()
        .forEach(
            (device, rules) ->
                rules.forEach(
                    (rule, n) -> {
                      long expected = expectedAlarms(device, rule);
                      if (n > expected) {
                        failures.add(
                            device
                                + ": "
                                + n
                                + " "
                                + rule
                                + " alarm(s), "
                                + (expected == 0 ? "none expected" : "at most " + expected));
                      }
                    }));
    outcome
        .workOrdersByDevice()
        .forEach(
            (device, n) -> {
              if (!anomalies.contains(device)) {
                failures.add(device + ": " + n + " unexpected work order(s)");
              }
            });
    for (SoakRun.FaultResult f : faults) {
      if (f.recovery() == null) {
        failures.add(
            f.injected().kind().wireName()
                + " on "
                + f.injected().target()
                + ": not recovered within "
                + settings.recoveryTimeout().toSeconds()
                + " s");
      }
    }
    if (last.backlog() != 0) {
      failures.add("left behind at the end: backlog " + last.backlog() + " (lag + journals)");
    }
    for (Resources r : resources) {
      if (r.leak()) {
        failures.add(
            r.name()
                + ": resident memory grew "
                + Math.round(r.growth() * 100)
                + " % over the run");
      }
    }
  }

  /**
   * Alarms a rule may raise on a device because of what the soak did to it: the overheating of an
   * anomaly spindle (its threshold rule is counted exactly once above; the rate-of-rise rule sees
   * the same heating, at most once), and missing telemetry on a device whose gateway was killed (at
   * most once per kill: the device was silent while its gateway restarted).
   */
  private long expectedAlarms(String device, String rule) {
    if (anomalies.contains(device)
        && (rule.equals(SoakRun.ANOMALY_RULE) || rule.equals(SoakRun.ANOMALY_RATE_RULE))) {
      return 1;
    }
    if (rule.endsWith("-telemetry-missing")) {
      return gatewayKills(gatewayOfDevice.getOrDefault(device, ""));
    }
    return 0;
  }

  private void check(boolean ok, SoakAccounting.DeviceTally d, String format, Object... args) {
    if (!ok) {
      failures.add(d.deviceId + ": " + format.formatted(args));
    }
  }

  private List<Resources> resources() {
    Map<String, List<SoakMonitor.ProcessSample>> byName = new TreeMap<>();
    Map<String, List<Instant>> times = new TreeMap<>();
    for (SoakMonitor.Sample s : samples) {
      s.processes()
          .forEach(
              (name, p) -> {
                List<SoakMonitor.ProcessSample> series =
                    byName.computeIfAbsent(name, n -> new ArrayList<>());
                List<Instant> at = times.computeIfAbsent(name, n -> new ArrayList<>());
                if (!series.isEmpty() && series.get(series.size() - 1).pid() != p.pid()) {
                  series.clear(); // restarted: judge the newest process only
                  at.clear();
                }
                series.add(p);
                at.add(s.at());
              });
    }
    List<Resources> out = new ArrayList<>();
    byName.forEach(
        (name, series) -> {
          List<Instant> at = times.get(name);
          SoakMonitor.ProcessSample first = series.get(0);
          SoakMonitor.ProcessSample lastSample = series.get(series.size() - 1);
          long peak =
              series.stream().mapToLong(SoakMonitor.ProcessSample::residentBytes).max().orElse(0);
          double seconds = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1e3;
          double cores = seconds > 0 ? (lastSample.cpuSeconds() - first.cpuSeconds()) / seconds : 0;
          Double growth = null;
          boolean leak = false;
          if (Duration.ofMillis((long) (seconds * 1000)).compareTo(LEAK_MIN_RUN) >= 0
              && series.size() >= 9) {
            int third = series.size() / 3;
            long middle = median(series.subList(third, 2 * third));
            long tail = median(series.subList(2 * third, series.size()));
            growth = (tail - middle) / (double) middle;
            leak = growth > LEAK_GROWTH && tail - middle > LEAK_MIN_BYTES;
          }
          out.add(
              new Resources(
                  name,
                  lastSample.pid(),
                  first.residentBytes() >> 20,
                  peak >> 20,
                  lastSample.residentBytes() >> 20,
                  growth,
                  cores,
                  leak));
        });
    return out;
  }

  private static long median(List<SoakMonitor.ProcessSample> samples) {
    long[] values =
        samples.stream().mapToLong(SoakMonitor.ProcessSample::residentBytes).sorted().toArray();
    return values[values.length / 2];
  }

  void print(PrintStream out) {
    out.printf(
        "%nSoak accounting (%s of load, seed %d)%n", Duration.between(begin, end), settings.seed());
    String row = "%-28s %7s %9s %9s %9s %9s %9s %6s %6s %6s %8s %8s %9s%n";
    out.printf(
        row,
        "gateway",
        "devices",
        "served",
        "acquired",
        "kafka",
        "tsdb",
        "cassandra",
        "lost",
        "dup",
        "order",
        "not-acq",
        "redeliv",
        "late-rule");
    Map<String, long[]> byGateway = new TreeMap<>();
    for (SoakAccounting.DeviceTally d : outcome.devices().values()) {
      long[] t =
          byGateway.computeIfAbsent(
              gatewayOfDevice.getOrDefault(d.deviceId, "?"), g -> new long[12]);
      long[] v = {
        1,
        d.served,
        d.acquired(),
        d.kafkaRecords,
        d.inTimeSeries,
        d.inCassandra,
        d.seqGaps() + d.missingInTimeSeries() + d.missingInCassandra(),
        d.duplicated + (d.timeSeriesRows - d.inTimeSeries),
        d.outOfOrder,
        d.notAcquired(),
        d.redelivered,
        d.lateForRules
      };
      for (int i = 0; i < v.length; i++) {
        t[i] += v[i];
      }
    }
    long[] total = new long[12];
    byGateway.forEach(
        (g, t) -> {
          printRow(out, row, g, t);
          for (int i = 0; i < t.length; i++) {
            total[i] += t[i];
          }
        });
    printRow(out, row, "all", total);
    out.println(
        "(served: simulator ledger; acquired: distinct served reads in Kafka; kafka: records incl. redeliveries;"
            + " tsdb/cassandra: distinct served reads stored; lost: gaps in gateway seq + missing in a store;"
            + " late-rule: readings the anomaly job dead-lettered as late, stored but not seen by its rules)");

    out.printf(
        "%nFaults%n%-17s %-30s %9s %11s %12s  %s%n",
        "kind", "target", "at (s)", "recovery s", "backlog peak", "detail");
    for (SoakRun.FaultResult f : faults) {
      out.printf(
          "%-17s %-30s %9.0f %11s %12d  %s%n",
          f.injected().kind().wireName(),
          f.injected().target().length() > 30
              ? f.injected().target().substring(0, 27) + "..."
              : f.injected().target(),
          Duration.between(begin, f.injected().startedAt()).toMillis() / 1e3,
          f.recovery() == null ? "NOT" : "%.1f".formatted(f.recovery().toMillis() / 1e3),
          f.backlogPeak(),
          f.injected().detail());
    }

    out.printf(
        "%nLatency from source time (ms)   %-30s %s%n",
        "to Kafka p50/p99/max (n)", "to Cassandra p50/p99/max (n)");
    for (Long minute : outcome.kafkaLatency().minutes()) {
      Latencies.Summary k = outcome.kafkaLatency().summary(minute);
      out.printf(
          "  minute %3d                     %-30s %s%n",
          minute, format(k), cassandraMinute(minute));
    }
    out.printf(
        "  whole run                      %-30s %s%n",
        format(outcome.kafkaLatency().summary(null)),
        format(outcome.cassandraLatency().summary(null)));

    out.printf("%nAnomalies: %s%n", anomalies);
    for (String device : anomalies) {
      SoakAccounting.DeviceTally d = outcome.devices().get(device);
      if (d != null) {
        out.printf(
            "  %s: winding up to %.1f °C, above 120 °C from %s%n",
            device,
            d.maxWindingC,
            d.firstOver120 == null
                ? "never"
                : Duration.between(begin, d.firstOver120).toSeconds() + " s into the run");
      }
    }
    out.printf("  alarms raised: %s%n", outcome.raisedByDeviceAndRule());
    out.printf("  work orders opened: %s%n", outcome.workOrdersByDevice());

    out.printf(
        "%nProcesses%n%-24s %8s %10s %9s %9s %8s %9s%n",
        "name", "pid", "start MiB", "peak MiB", "end MiB", "growth", "CPU cores");
    for (Resources r : resources) {
      out.printf(
          "%-24s %8d %10d %9d %9d %8s %9.2f%n",
          r.name(),
          r.pid(),
          r.startMib(),
          r.peakMib(),
          r.endMib(),
          r.growth() == null ? "n/a" : "%+.0f %%".formatted(r.growth() * 100),
          r.cpuCores());
    }
    if (resources.stream().anyMatch(r -> r.growth() == null)) {
      out.println(
          "(growth: n/a where a process ran less than "
              + LEAK_MIN_RUN.toMinutes()
              + " min since its last start)");
    }

    if (failures.isEmpty()) {
      out.println(
          "\nSOAK PASSED: nothing lost, duplicated, out of order or left behind; one alarm and one work order per anomaly.");
    } else {
      out.println("\nSOAK FAILED (" + failures.size() + "):");
      failures.stream().limit(50).forEach(f -> out.println("  " + f));
    }
  }

  private String cassandraMinute(Long minute) {
    return format(outcome.cassandraLatency().summary(minute));
  }

  private static void printRow(PrintStream out, String row, String name, long[] t) {
    out.printf(row, name, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11]);
  }

  private static String format(Latencies.Summary s) {
    return "%d / %d / %d (%d)".formatted(s.p50Millis(), s.p99Millis(), s.maxMillis(), s.count());
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "settings",
        Map.of(
            "minutes", settings.duration().toSeconds() / 60.0,
            "devices", settings.devices(),
            "gatewaysPerSite", settings.gatewaysPerSite(),
            "fastPollMillis", settings.fastPoll().toMillis(),
            "journalFsync", settings.journalFsync(),
            "faults", settings.faults().stream().map(FaultKind::wireName).sorted().toList(),
            "rounds", settings.rounds(),
            "seed", settings.seed()));
    json.put("begin", begin.toString());
    json.put("end", end.toString());
    List<Map<String, Object>> devices = new ArrayList<>();
    for (SoakAccounting.DeviceTally d : outcome.devices().values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("deviceId", d.deviceId);
      m.put("gateway", gatewayOfDevice.get(d.deviceId));
      m.put("served", d.served);
      m.put("acquired", d.acquired());
      m.put("kafkaRecords", d.kafkaRecords);
      m.put("kafkaRedelivered", d.redelivered);
      m.put("inTimeSeries", d.inTimeSeries);
      m.put("timeSeriesRows", d.timeSeriesRows);
      m.put("inCassandra", d.inCassandra);
      m.put("lostAfterAcquisition", d.seqGaps());
      m.put("missingInTimeSeries", d.missingInTimeSeries());
      m.put("missingInCassandra", d.missingInCassandra());
      m.put("duplicated", d.duplicated);
      m.put("outOfOrder", d.outOfOrder);
      m.put("servedBeforeFirstAcquired", d.servedBeforeFirstAcquired());
      m.put("notAcquired", d.notAcquired());
      m.put("failedReadAttempts", failedReadAttempts.getOrDefault(d.deviceId, 0L));
      m.put("notAcquiredAllowance", notAcquiredAllowance(d.deviceId));
      m.put("notAcquiredFirst", d.notAcquiredRanges(5));
      m.put("lateForRules", d.lateForRules);
      m.put("examples", d.examples);
      m.put("firstServedReadPerBoot", d.firstOfBoot);
      devices.add(m);
    }
    json.put("devices", devices);
    List<Map<String, Object>> faultRows = new ArrayList<>();
    for (SoakRun.FaultResult f : faults) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", f.injected().kind().wireName());
      m.put("target", f.injected().target());
      m.put("startedAt", f.injected().startedAt().toString());
      m.put("clearedAt", f.injected().clearedAt().toString());
      m.put("recoverySeconds", f.recovery() == null ? null : f.recovery().toMillis() / 1e3);
      m.put("backlogPeak", f.backlogPeak());
      m.put("detail", f.injected().detail());
      faultRows.add(m);
    }
    json.put("faults", faultRows);
    json.put("lostBatchesBySlot", SoakAccounting.gapsBySlot(outcome.devices(), begin));
    Map<String, Object> latency = new LinkedHashMap<>();
    for (Long minute : outcome.kafkaLatency().minutes()) {
      latency.put("minute-" + minute, outcome.kafkaLatency().summary(minute));
    }
    json.put("latencyToKafkaByMinute", latency);
    json.put("latencyToKafka", outcome.kafkaLatency().summary(null));
    json.put("latencyToCassandra", outcome.cassandraLatency().summary(null));
    json.put("anomalies", anomalies);
    json.put("alarmsRaised", outcome.raisedByDeviceAndRule());
    json.put("workOrdersOpened", outcome.workOrdersByDevice());
    json.put("processes", resources);
    json.put("backlogAtEnd", last.backlog());
    json.put("failures", failures);
    json.put("passed", failures.isEmpty());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper()
        .findAndRegisterModules()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), json);
  }
}
