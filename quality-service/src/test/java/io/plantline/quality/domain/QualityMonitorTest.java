package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The monitor's batch handling with an in-memory store (the Cassandra store is covered by the IT).
 */
class QualityMonitorTest {

  /** Keeps points by subgroup and the last state; fails the next save when asked to. */
  static final class MemoryStore implements ChartStore {
    final Map<Long, ChartPoint> points = new HashMap<>();
    ChartState state;
    boolean failNextSave;
    int saves;

    @Override
    public Optional<ChartState> state(String id) {
      return Optional.ofNullable(state);
    }

    @Override
    public void save(String id, List<ChartPoint> p, Optional<LimitVersion> v, ChartState s) {
      if (failNextSave) {
        failNextSave = false;
        throw new IllegalStateException("store down");
      }
      p.forEach(point -> points.put(point.number(), point));
      state = s;
      saves++;
    }

    @Override
    public List<ChartPoint> points(String id, Instant from, Instant to) {
      return new ArrayList<>(points.values());
    }

    @Override
    public List<LimitVersion> limitVersions(String id) {
      return List.of();
    }
  }

  private final Characteristic characteristic =
      Charts.characteristic(ChartType.I_MR, 1, ChartSettings.DEFAULTS);
  private final MemoryStore store = new MemoryStore();
  private final QualityMonitor monitor =
      new QualityMonitor(
          List.of(characteristic),
          store,
          (c, s, u) -> {},
          (d, m, f, t) -> List.of(),
          Clock.systemUTC());

  private int apply(long seq, double value, boolean bad) {
    return monitor.apply(
        new ReadingSource("bore-gauge", "plant-a", "quality", 1, seq),
        List.of(
            new QualityMonitor.Reading(
                "measured_dimension_mm", value, bad, Charts.T0.plusSeconds(seq))));
  }

  @Test
  void shouldApplyABatchAgainWhenItsResultsCouldNotBeStored() {
    apply(1, 10.0, false);
    store.failNextSave = true;

    assertThatThrownBy(() -> apply(2, 11.0, false)).hasMessageContaining("store down");
    int plottedOnRedelivery = apply(2, 11.0, false);

    assertThat(plottedOnRedelivery).isEqualTo(1);
    assertThat(store.points).containsOnlyKeys(1L, 2L);
    assertThat(store.state.lastSeq()).isEqualTo(2);
  }

  @Test
  void shouldSkipARedeliveredBatchAndIgnoreBadReadings() {
    assertThat(apply(1, 10.0, false)).isEqualTo(1);
    assertThat(apply(1, 10.0, false)).isZero();
    assertThat(apply(2, 99.0, true)).isZero();

    assertThat(store.points).containsOnlyKeys(1L);
    assertThat(monitor.state(characteristic.id()).orElseThrow().lastSeq()).isEqualTo(1);
  }

  @Test
  void shouldApplyAPollOfBatchesAsOneBatchAtATimeWouldWithOneStateWrite() {
    MemoryStore oneByOne = new MemoryStore();
    QualityMonitor reference =
        new QualityMonitor(
            List.of(characteristic),
            oneByOne,
            (c, s, u) -> {},
            (d, m, f, t) -> List.of(),
            Clock.systemUTC());
    List<QualityMonitor.Batch> poll = new java.util.ArrayList<>();
    for (long seq = 1; seq <= 40; seq++) {
      double value = 10.0 + Math.sin(seq) * 0.5 + (seq > 30 ? 3.0 : 0.0);
      QualityMonitor.Batch batch =
          new QualityMonitor.Batch(
              new ReadingSource("bore-gauge", "plant-a", "quality", 1, seq),
              List.of(
                  new QualityMonitor.Reading(
                      "measured_dimension_mm", value, false, Charts.T0.plusSeconds(seq))));
      poll.add(batch);
      reference.apply(batch.source(), batch.readings());
    }
    poll.add(poll.get(3)); // a redelivery inside the same poll

    int plotted = monitor.applyAll(poll);

    assertThat(plotted).isEqualTo(oneByOne.points.size());
    assertThat(store.points).isEqualTo(oneByOne.points);
    assertThat(store.state).isEqualTo(oneByOne.state);
    assertThat(store.saves).as("points once, state once").isLessThanOrEqualTo(3);
    assertThat(oneByOne.saves).isGreaterThan(40);
  }
}
