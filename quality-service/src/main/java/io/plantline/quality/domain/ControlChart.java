package io.plantline.quality.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live chart of one characteristic: forms subgroups from readings, collects the Phase I
 * baseline, freezes limits, then plots each subgroup against them (Phase II) and applies the rules.
 * Not thread-safe: one caller at a time.
 */
public final class ControlChart {

  /** Points without a violation of a rule after which its alarm clears. */
  public static final int CLEAR_AFTER = 8;

  private final Characteristic characteristic;
  private long nextNumber;
  private final List<Double> pending;
  private Instant pendingWindow;
  private final List<Subgroup> baseline;
  private FrozenLimits limits;
  private int limitVersion;
  private long pointsSinceFrozen;
  private double ewma;
  private double cusumHigh;
  private double cusumLow;
  private double previousValue;
  private final List<RunRules.Point> window;
  private final Map<Rule, Integer> active;
  private long lastBootEpoch;
  private long lastSeq;
  private final Map<Rule, Long> raisedAt;

  /** A chart carrying on from {@code state}. */
  public ControlChart(Characteristic characteristic, ChartState state) {
    this.characteristic = characteristic;
    this.pending = new ArrayList<>();
    this.baseline = new ArrayList<>();
    this.window = new ArrayList<>();
    this.active = new EnumMap<>(Rule.class);
    this.raisedAt = new EnumMap<>(Rule.class);
    restore(state);
  }

  /**
   * Puts the chart back to {@code state}, for example the state before a batch whose results could
   * not be stored, so that the batch is applied again when it is re-read.
   */
  public void restore(ChartState state) {
    this.nextNumber = state.nextNumber();
    this.pending.clear();
    this.pending.addAll(state.pending());
    this.pendingWindow = state.pendingWindow();
    this.baseline.clear();
    this.baseline.addAll(state.baseline());
    this.limits = state.limits();
    this.limitVersion = state.limitVersion();
    this.pointsSinceFrozen = state.pointsSinceFrozen();
    this.ewma = state.ewma();
    this.cusumHigh = state.cusumHigh();
    this.cusumLow = state.cusumLow();
    this.previousValue = state.previousValue();
    this.window.clear();
    this.window.addAll(state.window());
    this.active.clear();
    this.active.putAll(state.active());
    this.lastBootEpoch = state.lastBootEpoch();
    this.lastSeq = state.lastSeq();
    this.raisedAt.clear();
    this.raisedAt.putAll(state.raisedAt());
  }

  /** The characteristic. */
  public Characteristic characteristic() {
    return characteristic;
  }

  /** A snapshot of the state. */
  public ChartState state() {
    return new ChartState(
        nextNumber,
        pending,
        pendingWindow,
        baseline,
        limits,
        limitVersion,
        pointsSinceFrozen,
        ewma,
        cusumHigh,
        cusumLow,
        previousValue,
        window,
        active,
        lastBootEpoch,
        lastSeq,
        raisedAt);
  }

  /** The frozen limits, or null in Phase I. */
  public FrozenLimits limits() {
    return limits;
  }

  /** The version of the frozen limits, 0 before the first freeze. */
  public int limitVersion() {
    return limitVersion;
  }

  /**
   * Whether telemetry batch {@code (bootEpoch, seq)} of the characteristic's device comes after the
   * last one applied; a redelivered or older batch does not.
   */
  public boolean isNew(long bootEpoch, long seq) {
    return bootEpoch > lastBootEpoch || (bootEpoch == lastBootEpoch && seq > lastSeq);
  }

  /**
   * Applies one reading of batch {@code (bootEpoch, seq)}; returns the update when it completed a
   * subgroup. The caller skips batches that are not {@link #isNew new}.
   */
  public List<ChartUpdate> accept(long bootEpoch, long seq, Instant at, double value) {
    lastBootEpoch = bootEpoch;
    lastSeq = seq;
    List<ChartUpdate> updates = new ArrayList<>(1);
    Subgroup complete = collect(at, value);
    if (complete != null) {
      updates.add(plot(complete));
    }
    return updates;
  }

  /**
   * Starts a new baseline. With {@code history} (subgroups rebuilt from the time-series store),
   * Phase I runs on it at once and the new limits are frozen; without, the chart goes back to Phase
   * I and collects a baseline from the live stream.
   *
   * @return the Phase I outcome when limits were frozen from {@code history}
   * @throws InsufficientBaselineException if {@code history} cannot give limits (the chart keeps
   *     its current limits then)
   */
  public java.util.Optional<Baseline> rebaseline(List<Subgroup> history) {
    if (!history.isEmpty()) {
      Baseline result = phaseOne(history);
      freeze(result);
      return java.util.Optional.of(result);
    }
    limits = null;
    baseline.clear();
    window.clear();
    return java.util.Optional.empty();
  }

  /** Forms subgroups the way the live chart does, from readings in time order. */
  public static List<Subgroup> subgroups(
      Characteristic characteristic, List<TimedValue> readings, long firstNumber) {
    ControlChart former = new ControlChart(characteristic, ChartState.initial());
    former.nextNumber = firstNumber;
    List<Subgroup> result = new ArrayList<>();
    for (TimedValue reading : readings) {
      Subgroup s = former.collect(reading.at(), reading.value());
      if (s != null) {
        result.add(s);
      }
    }
    return result;
  }

  private Subgroup collect(Instant at, double value) {
    int n = characteristic.subgroupSize();
    if (characteristic.subgroupWindow().isPresent()) {
      Instant start = windowStart(at, characteristic.subgroupWindow().get());
      if (pendingWindow == null || !start.equals(pendingWindow)) {
        pending.clear();
        pendingWindow = start;
      }
      if (pending.size() >= n) {
        return null;
      }
    }
    pending.add(value);
    if (pending.size() < n) {
      return null;
    }
    double[] values = pending.stream().mapToDouble(Double::doubleValue).toArray();
    if (characteristic.subgroupWindow().isEmpty()) {
      pending.clear();
    }
    double size = characteristic.chart().isVariables() ? 1 : characteristic.sampleSize();
    return new Subgroup(nextNumber++, at, values, size);
  }

  private static Instant windowStart(Instant at, Duration length) {
    long millis = length.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
  }

  private ChartUpdate plot(Subgroup subgroup) {
    ChartType chart = characteristic.chart();
    double mean = ChartCalculator.shewhartValue(chart, subgroup);
    double movingRange = Double.isNaN(previousValue) ? Double.NaN : Math.abs(mean - previousValue);
    previousValue = mean;
    if (limits == null) {
      baseline.add(subgroup);
      ChartPoint point =
          new ChartPoint(subgroup, mean, secondary(subgroup, movingRange), null, 0, List.of());
      Baseline frozen = null;
      if (baseline.size() >= characteristic.baselineSubgroups()) {
        try {
          frozen = phaseOne(baseline);
          freeze(frozen);
        } catch (InsufficientBaselineException e) {
          baseline.remove(0); // a rolling baseline: try again with the next subgroup
        }
      }
      return new ChartUpdate(point, List.of(), Set.of(), frozen, Map.of());
    }
    pointsSinceFrozen++;
    PointLimits at =
        ChartCalculator.limits(
            limits, characteristic.settings(), subgroup.size(), pointsSinceFrozen);
    double value = mean;
    double second = secondary(subgroup, movingRange);
    List<Violation> violations = new ArrayList<>();
    switch (chart) {
      case EWMA -> {
        ewma = ChartCalculator.nextEwma(characteristic.settings().ewmaLambda(), ewma, mean);
        value = ewma;
        if (value > at.upper() || value < at.lower()) {
          violations.add(new Violation(Rule.EWMA_LIMIT, List.of(subgroup.number())));
        }
      }
      case CUSUM -> {
        double k = ChartCalculator.cusumReference(limits, characteristic.settings());
        cusumHigh = ChartCalculator.nextCusumHigh(cusumHigh, mean, limits.center(), k);
        cusumLow = ChartCalculator.nextCusumLow(cusumLow, mean, limits.center(), k);
        value = cusumHigh;
        second = cusumLow;
        if (cusumHigh > at.upper()) {
          violations.add(new Violation(Rule.CUSUM_UP, List.of(subgroup.number())));
        }
        if (cusumLow > at.upper()) {
          violations.add(new Violation(Rule.CUSUM_DOWN, List.of(subgroup.number())));
        }
      }
      default -> {
        double sigmaOfPoint = at.sigmaOfPoint(characteristic.settings().sigmaWidth());
        window.add(
            new RunRules.Point(subgroup.number(), value, (value - at.center()) / sigmaOfPoint));
        if (window.size() > RunRules.WINDOW) {
          window.remove(0);
        }
        violations.addAll(RunRules.evaluate(window, characteristic.rules()));
        if (!Double.isNaN(second)
            && (second > at.secondaryUpper() || second < at.secondaryLower())) {
          violations.add(new Violation(Rule.DISPERSION, List.of(subgroup.number())));
        }
      }
    }
    ChartPoint point = new ChartPoint(subgroup, value, second, at, limitVersion, violations);
    return transitions(point);
  }

  private double secondary(Subgroup subgroup, double movingRange) {
    return switch (characteristic.chart()) {
      case XBAR_R -> subgroup.range();
      case XBAR_S -> subgroup.standardDeviation();
      case I_MR -> movingRange;
      default -> Double.NaN;
    };
  }

  private ChartUpdate transitions(ChartPoint point) {
    List<Violation> raised = new ArrayList<>();
    Map<Rule, Long> occurrences = new EnumMap<>(Rule.class);
    Set<Rule> fired = EnumSet.noneOf(Rule.class);
    for (Violation v : point.violations()) {
      fired.add(v.rule());
      if (!active.containsKey(v.rule())) {
        raised.add(v);
        raisedAt.put(v.rule(), point.number());
        occurrences.put(v.rule(), point.number());
      }
      active.put(v.rule(), 0);
    }
    Set<Rule> cleared = EnumSet.noneOf(Rule.class);
    for (Map.Entry<Rule, Integer> entry : new ArrayList<>(active.entrySet())) {
      if (!fired.contains(entry.getKey())) {
        int quiet = entry.getValue() + 1;
        if (quiet >= CLEAR_AFTER) {
          active.remove(entry.getKey());
          cleared.add(entry.getKey());
          Long raisedNumber = raisedAt.remove(entry.getKey());
          occurrences.put(entry.getKey(), raisedNumber == null ? point.number() : raisedNumber);
        } else {
          active.put(entry.getKey(), quiet);
        }
      }
    }
    return new ChartUpdate(point, raised, cleared, null, occurrences);
  }

  private Baseline phaseOne(List<Subgroup> subgroups) {
    return PhaseOne.estimate(
        characteristic.chart(),
        characteristic.subgroupSize(),
        characteristic.settings(),
        subgroups,
        characteristic.target(),
        Math.min(characteristic.minimumBaseline(), subgroups.size()));
  }

  private void freeze(Baseline result) {
    limits = result.limits();
    limitVersion++;
    pointsSinceFrozen = 0;
    baseline.clear();
    window.clear();
    ewma = limits.center();
    cusumHigh = 0;
    cusumLow = 0;
  }
}
