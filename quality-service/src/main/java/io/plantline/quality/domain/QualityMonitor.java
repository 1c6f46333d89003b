package io.plantline.quality.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application core: keeps one {@link ControlChart} per characteristic, feeds it the readings of
 * its device and metric, stores points, limits and state, and publishes rule transitions. Calls for
 * one characteristic are serialised on its chart.
 */
public final class QualityMonitor {

  /**
   * One reading from a telemetry batch.
   *
   * @param metric the metric
   * @param value the value
   * @param bad whether the gateway marked it BAD (ignored)
   * @param at when it was measured
   */
  public record Reading(String metric, double value, boolean bad, Instant at) {}

  private final Map<String, ControlChart> charts = new LinkedHashMap<>();
  private final Map<String, List<ControlChart>> byDevice = new LinkedHashMap<>();
  private final ChartStore store;
  private final ViolationSink sink;
  private final TimeSeriesHistory history;
  private final Clock clock;

  /** Loads each characteristic's state from the store. */
  public QualityMonitor(
      Collection<Characteristic> characteristics,
      ChartStore store,
      ViolationSink sink,
      TimeSeriesHistory history,
      Clock clock) {
    this.store = store;
    this.sink = sink;
    this.history = history;
    this.clock = clock;
    for (Characteristic c : characteristics) {
      ControlChart chart = new ControlChart(c, store.state(c.id()).orElse(ChartState.initial()));
      charts.put(c.id(), chart);
      byDevice.computeIfAbsent(c.deviceId(), d -> new ArrayList<>()).add(chart);
    }
  }

  /** The characteristics, in configuration order. */
  public List<Characteristic> characteristics() {
    return charts.values().stream().map(ControlChart::characteristic).toList();
  }

  /** A characteristic by id. */
  public Optional<Characteristic> characteristic(String id) {
    return Optional.ofNullable(charts.get(id)).map(ControlChart::characteristic);
  }

  /** The chart state of a characteristic (a snapshot). */
  public Optional<ChartState> state(String id) {
    ControlChart chart = charts.get(id);
    if (chart == null) {
      return Optional.empty();
    }
    synchronized (chart) {
      return Optional.of(chart.state());
    }
  }

  /** One telemetry batch of a device: where it comes from and its readings. */
  public record Batch(ReadingSource source, List<Reading> readings) {}

  /**
   * Applies one telemetry batch; a batch already applied to a chart (by deviceId, bootEpoch, seq)
   * changes nothing. Returns the points plotted.
   */
  public int apply(ReadingSource source, List<Reading> readings) {
    return applyAll(List.of(new Batch(source, readings)));
  }

  /**
   * Applies batches of one device in their order, writing each chart's points, events and state
   * once for all of them (a poll's worth). A batch already applied to a chart changes nothing; when
   * a write fails, the charts go back to where they were and the batches are to be re-read.
   *
   * @return the points plotted
   */
  public int applyAll(List<Batch> batches) {
    if (batches.isEmpty()) {
      return 0;
    }
    String device = batches.get(0).source().deviceId();
    for (Batch b : batches) {
      if (!b.source().deviceId().equals(device)) {
        throw new IllegalArgumentException(
            "batches of several devices: " + device + ", " + b.source().deviceId());
      }
    }
    int plotted = 0;
    for (ControlChart chart : byDevice.getOrDefault(device, List.of())) {
      synchronized (chart) {
        ChartState before = chart.state();
        try {
          plotted += applyTo(chart, before, batches);
        } catch (RuntimeException e) {
          chart.restore(before); // the batches are re-read and applied again
          throw e;
        }
      }
    }
    return plotted;
  }

  private int applyTo(ControlChart chart, ChartState before, List<Batch> batches) {
    Characteristic c = chart.characteristic();
    List<ChartUpdate> updates = new ArrayList<>();
    List<ReadingSource> sources = new ArrayList<>();
    boolean touched = false;
    for (Batch batch : batches) {
      ReadingSource source = batch.source();
      if (!chart.isNew(source.bootEpoch(), source.seq())) {
        continue;
      }
      for (Reading r : batch.readings()) {
        if (r.metric().equals(c.metric()) && !r.bad()) {
          for (ChartUpdate u : chart.accept(source.bootEpoch(), source.seq(), r.at(), r.value())) {
            updates.add(u);
            sources.add(source);
          }
          touched = true;
        }
      }
    }
    if (!touched) {
      return 0; // nothing of this chart in the batches: its state need not be written
    }
    // points (and a frozen version) first with the state as it was before the batches, then the
    // events, then the new state: a crash anywhere makes the replay redo the same writes
    save(chart, updates, before, "system", "baseline collected from the live stream");
    for (int i = 0; i < updates.size(); i++) {
      if (updates.get(i).hasTransitions()) {
        sink.publish(c, sources.get(i), updates.get(i));
      }
    }
    store.save(c.id(), List.of(), Optional.empty(), chart.state());
    return updates.size();
  }

  /**
   * Re-baselines a characteristic (an explicit, audited command): Phase I on the readings of the
   * time-series store between {@code from} and {@code to} when they give enough subgroups, else
   * back to Phase I on the live stream.
   *
   * @return the new limit version, or empty when a live baseline was started
   */
  public Optional<LimitVersion> rebaseline(
      String id, Instant from, Instant to, String actor, String reason) {
    ControlChart chart = charts.get(id);
    if (chart == null) {
      throw new IllegalArgumentException("no characteristic " + id);
    }
    Characteristic c = chart.characteristic();
    List<TimedValue> readings = history.readings(c.deviceId(), c.metric(), from, to);
    synchronized (chart) {
      List<Subgroup> subgroups = ControlChart.subgroups(c, readings, 1);
      Optional<LimitVersion> version = Optional.empty();
      if (subgroups.size() >= c.minimumBaseline()) {
        Baseline baseline = chart.rebaseline(subgroups).orElseThrow();
        version = Optional.of(version(chart, baseline, actor, reason));
      } else {
        chart.rebaseline(List.of());
      }
      store.save(id, List.of(), version, chart.state());
      return version;
    }
  }

  private void save(
      ControlChart chart,
      List<ChartUpdate> updates,
      ChartState before,
      String actor,
      String reason) {
    List<ChartPoint> points = updates.stream().map(ChartUpdate::point).toList();
    Optional<LimitVersion> frozen =
        updates.stream()
            .filter(u -> u.frozen() != null)
            .findFirst()
            .map(u -> version(chart, u.frozen(), actor, reason));
    if (!points.isEmpty() || frozen.isPresent()) {
      store.save(chart.characteristic().id(), points, frozen, before);
    }
  }

  private LimitVersion version(ControlChart chart, Baseline baseline, String actor, String why) {
    return new LimitVersion(
        chart.characteristic().id(),
        chart.limitVersion(),
        baseline.limits(),
        baseline.used(),
        baseline.excluded(),
        clock.instant(),
        actor,
        why);
  }
}
