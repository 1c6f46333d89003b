package io.plantline.stream.job;

import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceView;
import io.plantline.stream.domain.MetricHistory;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.domain.RuleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates every rule of a device, keyed by device id, in event time.
 *
 * <p>Readings may arrive out of order (up to the watermark's bound). Each is buffered under its
 * timestamp with an event-time timer; when the watermark passes it, the buffered readings of that
 * instant are fed to the rules in timestamp order, so every rule sees its device's readings sorted
 * and results do not depend on arrival order. Readings at or behind the watermark are late: the
 * rules have already run past them, so they are counted ({@code lateReadings}) and sent to the
 * {@link #LATE_READINGS} side output (the job routes them to the dead-letter topic) instead of
 * being evaluated. BAD readings and readings of metrics no rule reads are skipped before that.
 *
 * <p>Missing data is judged in event time: a timer at the silent metric's deadline fires when the
 * watermark, driven by the other devices on the same partitions, passes it. That is deterministic
 * on replay and after a restore, which processing-time timers are not; if a whole plant goes quiet,
 * the watermark stalls (idle partitions) and the gateways' own status (death, gap) reports the
 * outage.
 *
 * <p>State per device: the reading buffer (emptied as the watermark passes), one {@link RuleState}
 * per rule (removed as soon as the rule has nothing to remember), the recent {@link MetricHistory}
 * of the rules' metrics, and the last reading (site and area for signals raised by a timer).
 */
public final class DeviceRuleEvaluator extends KeyedProcessFunction<String, Reading, RuleSignal> {
  /** Side output of the readings that arrived at or behind the watermark. */
  public static final OutputTag<LateReading> LATE_READINGS =
      new OutputTag<>("late-readings", TypeInformation.of(LateReading.class));

  private final RuleSet rules;

  private transient MapState<Long, List<Reading>> pending;
  private transient MapState<String, RuleState> ruleStates;
  private transient MapState<String, MetricHistory> histories;
  private transient ValueState<Reading> lastReading;
  private transient ValueState<Long> deadlineTimer;
  private transient Map<String, DeviceRules> cache;
  private transient Counter late;

  /** Evaluates the rules of {@code rules}. */
  public DeviceRuleEvaluator(RuleSet rules) {
    this.rules = rules;
  }

  /** The reading buffer, by event time. */
  public static MapStateDescriptor<Long, List<Reading>> pendingDescriptor() {
    return new MapStateDescriptor<>(
        "pending-readings", Types.LONG, Types.LIST(TypeInformation.of(Reading.class)));
  }

  /** The rules' state, by rule id. */
  public static MapStateDescriptor<String, RuleState> ruleStateDescriptor() {
    return new MapStateDescriptor<>(
        "rule-state", Types.STRING, TypeInformation.of(RuleState.class));
  }

  /** The metric histories, by metric. */
  public static MapStateDescriptor<String, MetricHistory> historyDescriptor() {
    return new MapStateDescriptor<>(
        "metric-history", Types.STRING, TypeInformation.of(MetricHistory.class));
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getMapState(pendingDescriptor());
    ruleStates = getRuntimeContext().getMapState(ruleStateDescriptor());
    histories = getRuntimeContext().getMapState(historyDescriptor());
    lastReading =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("last-reading", TypeInformation.of(Reading.class)));
    deadlineTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("deadline-timer", Types.LONG));
    cache = new HashMap<>();
    late = getRuntimeContext().getMetricGroup().counter("lateReadings");
  }

  @Override
  public void processElement(Reading r, Context ctx, Collector<RuleSignal> out) throws Exception {
    DeviceRules device = device(r.deviceId());
    if (!device.tracked().contains(r.metric()) || r.quality() == Quality.BAD) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (r.timestamp() <= watermark) {
      late.inc();
      ctx.output(LATE_READINGS, new LateReading(r, watermark));
      return;
    }
    List<Reading> atTime = pending.get(r.timestamp());
    List<Reading> updated = atTime == null ? new ArrayList<>(4) : new ArrayList<>(atTime);
    updated.add(r);
    pending.put(r.timestamp(), updated);
    ctx.timerService().registerEventTimeTimer(r.timestamp());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<RuleSignal> out) throws Exception {
    DeviceRules device = device(ctx.getCurrentKey());
    List<Reading> due = pending.get(time);
    if (due != null) {
      pending.remove(time);
      // Readings of one instant are one snapshot: all go into the history first, then the rules
      // run in metric order, so neither a gate nor a combined rule depends on arrival order.
      List<Reading> sorted = new ArrayList<>(due);
      sorted.sort(Comparator.comparing(Reading::metric).thenComparingDouble(Reading::value));
      for (Reading r : sorted) {
        record(r, device);
      }
      StateView view = new StateView();
      for (Reading r : sorted) {
        evaluate(r, device, view, out);
      }
    }
    Long armed = deadlineTimer.value();
    if (armed != null && armed <= time) {
      deadlineTimer.clear();
      for (Detector d : device.detectors()) {
        RuleState s = ruleStates.get(d.spec().id());
        if (s != null && d.deadline(s) <= time) {
          boolean before = s.active;
          d.onTime(s, time);
          ruleStates.put(d.spec().id(), s);
          if (s.active != before) {
            out.collect(signal(d, s, lastReading.value(), time));
          }
        }
      }
    }
    armDeadline(device, ctx);
  }

  private void record(Reading r, DeviceRules device) throws Exception {
    MetricHistory h = histories.get(r.metric());
    if (h == null) {
      h = new MetricHistory();
    }
    h.add(r.timestamp(), r.value(), rules.settings().historyBucketMs(), device.retentionMs());
    histories.put(r.metric(), h);
    lastReading.update(r);
  }

  private void evaluate(Reading r, DeviceRules device, DeviceView view, Collector<RuleSignal> out)
      throws Exception {
    for (Detector d : device.detectors()) {
      if (!d.inputs().contains(r.metric())) {
        continue;
      }
      String id = d.spec().id();
      RuleState s = ruleStates.get(id);
      if (s == null) {
        s = new RuleState();
      }
      boolean before = s.active;
      d.onReading(s, r, view);
      if (s.active != before) {
        out.collect(signal(d, s, r, r.timestamp()));
      }
      if (d.canForget(s)) {
        ruleStates.remove(id);
      } else {
        ruleStates.put(id, s);
      }
    }
  }

  private void armDeadline(DeviceRules device, Context ctx) throws Exception {
    if (deadlineTimer.value() != null) {
      return;
    }
    long next = Detector.NO_DEADLINE;
    for (Detector d : device.detectors()) {
      if (!d.usesDeadlines()) {
        continue;
      }
      RuleState s = ruleStates.get(d.spec().id());
      if (s != null) {
        next = Math.min(next, d.deadline(s));
      }
    }
    if (next != Detector.NO_DEADLINE) {
      ctx.timerService().registerEventTimeTimer(next);
      deadlineTimer.update(next);
    }
  }

  private RuleSignal signal(Detector d, RuleState s, Reading identity, long time) throws Exception {
    Map<String, Double> evidence = new LinkedHashMap<>();
    if (s.active) {
      d.figures(s).forEach((k, v) -> evidence.put(k, Double.isFinite(v) ? v : 0.0));
      for (String metric : d.evidenceMetrics()) {
        MetricHistory h = histories.get(metric);
        if (h == null) {
          continue;
        }
        MetricHistory.Summary sum =
            h.summarize(
                time, rules.settings().evidenceWindowMs(), rules.settings().historyBucketMs());
        if (sum.count() > 0) {
          evidence.put(metric + ".min", sum.min());
          evidence.put(metric + ".max", sum.max());
          evidence.put(metric + ".mean", sum.mean());
        }
      }
      evidence.put("evidence.window.seconds", rules.settings().evidenceWindowMs() / 1000.0);
    }
    String description = d.spec().description();
    String message =
        s.active
            ? (description == null ? "" : description + ": ") + d.describe(s)
            : d.spec().id() + " condition ended";
    return new RuleSignal(
        identity.deviceId(),
        identity.siteId(),
        identity.areaId(),
        d.spec().id(),
        s.active,
        time,
        d.spec().severity(),
        d.spec().onDelayMs(),
        d.spec().offDelayMs(),
        message,
        evidence);
  }

  private DeviceRules device(String deviceId) {
    return cache.computeIfAbsent(deviceId, id -> DeviceRules.of(rules, id));
  }

  /** The device's latest values and histories, read from keyed state on demand. */
  private final class StateView implements DeviceView {
    @Override
    public double latest(String metric) {
      MetricHistory h = history(metric);
      return h == null ? Double.NaN : h.last;
    }

    @Override
    public MetricHistory history(String metric) {
      try {
        return histories.get(metric);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the history of " + metric, e);
      }
    }
  }
}
