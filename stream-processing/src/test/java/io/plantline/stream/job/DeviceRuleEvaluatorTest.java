package io.plantline.stream.job;

import static io.plantline.stream.TestRules.at;
import static io.plantline.stream.TestRules.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.TestRules;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.domain.RuleState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceRuleEvaluatorTest {
  private static final String DEVICE = "spindle-001";
  private KeyedOneInputStreamOperatorTestHarness<String, Reading, RuleSignal> harness;

  private void start(RuleSet rules) throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeviceRuleEvaluator(rules)),
            Reading::deviceId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void feed(Reading... readings) throws Exception {
    for (Reading r : readings) {
      harness.processElement(r, r.timestamp());
    }
  }

  private List<RuleSignal> signals() {
    return harness.extractOutputValues();
  }

  private MapState<String, RuleState> ruleState(String device) throws Exception {
    KeyedStateBackend<String> backend =
        ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    backend.setCurrentKey(device);
    return backend.getPartitionedState(
        VoidNamespace.INSTANCE,
        VoidNamespaceSerializer.INSTANCE,
        DeviceRuleEvaluator.ruleStateDescriptor());
  }

  private boolean pendingEmpty(String device) throws Exception {
    KeyedStateBackend<String> backend =
        ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    backend.setCurrentKey(device);
    return backend
        .getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            DeviceRuleEvaluator.pendingDescriptor())
        .isEmpty();
  }

  private static final String HOT =
      """
      - id: hot
        deviceType: motor-spindle
        kind: sustained-threshold
        severity: HIGH
        metric: winding_temperature_c
        above: 100
        clearBelow: 90
        for: 10s
        while: {metric: state, equals: 1}
      """;

  @Test
  void shouldSignalSustainedThresholdOnceFromOutOfOrderReadingsAndForgetItAfterClearing()
      throws Exception {
    start(TestRules.spindles(HOT));
    feed(
        reading("state", 1, at(0)),
        reading("winding_temperature_c", 101, at(1)),
        reading("winding_temperature_c", 103, at(3)),
        reading("winding_temperature_c", 102, at(2)), // out of order
        reading("winding_temperature_c", 95, at(12)), // above clearBelow, below the limit
        reading("winding_temperature_c", 104, at(13)),
        reading("winding_temperature_c", 105, at(23)));
    harness.processWatermark(at(30));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.time()).isEqualTo(at(23)); // the streak restarted at 13 s (95 broke it)
              assertThat(s.evidence())
                  .containsEntry("threshold", 100.0)
                  .containsEntry("winding_temperature_c.max", 105.0)
                  .containsKey("winding_temperature_c.mean");
            });
    assertThat(ruleState(DEVICE).contains("hot")).isTrue();

    feed(reading("winding_temperature_c", 92, at(31))); // hysteresis: still active
    feed(reading("winding_temperature_c", 89, at(32)));
    harness.processWatermark(at(40));

    assertThat(signals()).hasSize(2);
    assertThat(signals().get(1).active()).isFalse();
    assertThat(signals().get(1).time()).isEqualTo(at(32));
    assertThat(ruleState(DEVICE).isEmpty()).isTrue();
    assertThat(pendingEmpty(DEVICE)).isTrue();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldIgnoreTheThresholdWhileTheMachineIsNotRunning() throws Exception {
    start(TestRules.spindles(HOT));
    feed(reading("state", 0, at(0)));
    for (int i = 1; i <= 30; i++) {
      feed(reading("winding_temperature_c", 120, at(i)));
    }
    harness.processWatermark(at(60));

    assertThat(signals()).isEmpty();
    assertThat(ruleState(DEVICE).isEmpty()).isTrue();
  }

  @Test
  void shouldGiveTheSameSignalsWhateverTheArrivalOrderWithinTheBound() throws Exception {
    List<Reading> readings = new ArrayList<>();
    readings.add(reading("state", 1, at(0)));
    for (int i = 1; i <= 60; i++) {
      double v = i < 20 || i > 45 ? 80 : 110;
      readings.add(reading("winding_temperature_c", v, at(i)));
    }
    start(TestRules.spindles(HOT));
    for (Reading r : readings) {
      feed(r);
    }
    harness.processWatermark(at(100));
    List<RuleSignal> inOrder = List.copyOf(signals());
    harness.close();

    List<Reading> shuffled = new ArrayList<>(readings.subList(1, readings.size()));
    Collections.shuffle(shuffled, new Random(7));
    start(TestRules.spindles(HOT));
    feed(readings.get(0));
    for (Reading r : shuffled) {
      feed(r);
    }
    harness.processWatermark(at(100));

    assertThat(inOrder).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(signals()).isEqualTo(inOrder);
  }

  @Test
  void shouldSendReadingsBehindTheWatermarkToTheLateOutputWithoutStateAndKeepGoing()
      throws Exception {
    start(TestRules.spindles(HOT));
    harness.processWatermark(at(100));
    feed(
        reading("winding_temperature_c", 150, at(50)),
        reading("winding_temperature_c", 150, at(100)), // at the watermark: also late
        reading("speed_rpm", 12000, at(60)), // no rule reads it: skipped, not a dead letter
        new Reading(DEVICE, "site-1", "machining", "state", 1, Quality.BAD, at(70))); // skipped

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(lateReadings())
        .extracting(l -> l.reading().timestamp(), LateReading::watermark, LateReading::latenessMs)
        .containsExactly(tuple(at(50), at(100), 50_000L), tuple(at(100), at(100), 0L));

    feed(
        reading("state", 1, at(101)),
        reading("winding_temperature_c", 150, at(101)),
        reading("winding_temperature_c", 150, at(112)));
    harness.processWatermark(at(120));

    assertThat(signals()).singleElement().satisfies(s -> assertThat(s.time()).isEqualTo(at(112)));
    assertThat(lateReadings()).hasSize(2);
  }

  private List<LateReading> lateReadings() {
    var side = harness.getSideOutput(DeviceRuleEvaluator.LATE_READINGS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void shouldSignalRateOfChangeOverTheWindow() throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: climb, deviceType: motor-spindle, kind: rate-of-change,
               metric: winding_temperature_c, window: 1m, maxRise: 20, clearRise: 10}
            """));
    for (int i = 0; i <= 120; i += 5) {
      double v = i <= 60 ? 60 : 60 + (i - 60) * 0.5; // +30 K between 60 s and 120 s
      feed(reading("winding_temperature_c", v, at(i)));
    }
    harness.processWatermark(at(121));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.evidence().get("rise")).isGreaterThanOrEqualTo(20.0);
            });
    for (int i = 125; i <= 200; i += 5) {
      feed(reading("winding_temperature_c", 90, at(i))); // flat again
    }
    harness.processWatermark(at(201));

    assertThat(signals()).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(ruleState(DEVICE).isEmpty()).isTrue();
  }

  @Test
  void shouldCountSpikesInTheWindowAndForgetThemWhenTheyLeaveIt() throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: spikes, deviceType: motor-spindle, kind: spike-count,
               metric: bearing_vibration_mm_s, above: 7.1, count: 3, window: 1m}
            """));
    feed(
        reading("bearing_vibration_mm_s", 8, at(10)),
        reading("bearing_vibration_mm_s", 2, at(11)),
        reading("bearing_vibration_mm_s", 9, at(30)),
        reading("bearing_vibration_mm_s", 7.5, at(20)), // out of order: the third spike
        reading("bearing_vibration_mm_s", 2, at(40)));
    harness.processWatermark(at(45));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.time()).isEqualTo(at(30));
            });

    feed(
        reading("bearing_vibration_mm_s", 2, at(75)), reading("bearing_vibration_mm_s", 2, at(95)));
    harness.processWatermark(at(100));

    assertThat(signals()).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(signals().get(1).time()).isEqualTo(at(75)); // 10 s spike left at 70 s
    assertThat(ruleState(DEVICE).isEmpty()).isTrue();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldSignalAStuckSensorOnlyWhileRunning() throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: stuck, deviceType: motor-spindle, kind: flatline,
               metric: winding_temperature_c, for: 1m, tolerance: 0.0,
               while: {metric: state, equals: 1}}
            """));
    feed(reading("state", 1, at(0)));
    for (int i = 1; i <= 90; i += 2) {
      feed(reading("winding_temperature_c", 77.25, at(i)));
    }
    harness.processWatermark(at(91));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.time()).isEqualTo(at(61));
              assertThat(s.evidence()).containsEntry("stuck.value", 77.25);
            });

    feed(reading("state", 0, at(92))); // stopped: the gate closes, the condition ends
    harness.processWatermark(at(93));

    assertThat(signals()).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(ruleState(DEVICE).isEmpty()).isTrue();
  }

  @Test
  void shouldSignalMissingDataWhenTheWatermarkPassesTheDeadlineAndEndItOnTheNextReading()
      throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: silent, deviceType: motor-spindle, kind: missing-data, metric: speed_rpm,
               for: 1m}
            """));
    feed(reading("speed_rpm", 1000, at(0)), reading("speed_rpm", 1000, at(5)));
    harness.processWatermark(at(10));

    assertThat(signals()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the deadline at 65 s only

    harness.processWatermark(at(64));
    assertThat(signals()).isEmpty();
    // Another device keeps the watermark moving while spindle-001 is silent.
    harness.processWatermark(at(70));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.time()).isEqualTo(at(65)); // the deadline: last reading + 1 min
              assertThat(s.deviceId()).isEqualTo(DEVICE);
              assertThat(s.areaId()).isEqualTo("machining");
            });
    assertThat(harness.numEventTimeTimers()).isZero();

    feed(reading("speed_rpm", 1000, at(80)));
    harness.processWatermark(at(81));

    assertThat(signals()).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the next deadline, 140 s
  }

  @Test
  void shouldSignalVibrationAndTemperatureRisingTogetherButNotOneAlone() throws Exception {
    start(
        TestRules.spindles(
            """
            - id: wear
              deviceType: motor-spindle
              kind: combined-rise
              window: 1m
              rises: {bearing_vibration_mm_s: 1.0, winding_temperature_c: 5.0}
            """));
    // 0-120 s: only the temperature climbs.
    for (int i = 0; i <= 120; i += 5) {
      feed(reading("bearing_vibration_mm_s", 1.2, at(i)));
      feed(reading("winding_temperature_c", 60 + i * 0.2, at(i)));
    }
    harness.processWatermark(at(121));
    assertThat(signals()).isEmpty();

    // 125-240 s: both climb.
    for (int i = 125; i <= 240; i += 5) {
      feed(reading("bearing_vibration_mm_s", 1.2 + (i - 120) * 0.03, at(i)));
      feed(reading("winding_temperature_c", 84 + (i - 120) * 0.2, at(i)));
    }
    harness.processWatermark(at(241));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              assertThat(s.evidence())
                  .containsKeys(
                      "bearing_vibration_mm_s.max",
                      "winding_temperature_c.max",
                      "weakest.rise.ratio");
            });
  }

  @Test
  void shouldFlagAStatisticalOutlierWithoutAFixedThreshold() throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: current, deviceType: motor-spindle, kind: ewma-zscore, metric: current_a,
               halfLife: 5m, raiseZ: 5, clearZ: 2, minSamples: 50, minStd: 0.01}
            """));
    Random noise = new Random(42);
    int t = 0;
    for (; t < 200; t++) {
      feed(reading("current_a", 12 + noise.nextGaussian() * 0.2, at(t)));
    }
    feed(reading("current_a", 14.5, at(t++))); // about +12 sigma
    for (int i = 0; i < 5; i++) {
      feed(reading("current_a", 12 + noise.nextGaussian() * 0.2, at(t++)));
    }
    harness.processWatermark(at(t));

    assertThat(signals()).extracting(RuleSignal::active).containsExactly(true, false);
    assertThat(signals().get(0).time()).isEqualTo(at(200));
    assertThat(signals().get(0).evidence().get("zscore")).isGreaterThan(5.0);
  }

  @Test
  void shouldFlagALastingLevelShiftButNotAShortDip() throws Exception {
    start(
        TestRules.spindles(
            """
            - {id: level, deviceType: motor-spindle, kind: level-shift, metric: winding_temperature_c,
               recent: 30s, baseline: 1h, raiseZ: 3, minSamples: 100, minStd: 0.1}
            """));
    Random noise = new Random(7);
    int t = 0;
    for (; t < 3000; t++) {
      double dip = t >= 1500 && t < 1503 ? -20 : 0; // 20 sigma for 3 s: an EWMA z-score would fire
      feed(reading("winding_temperature_c", 80 + dip + noise.nextGaussian(), at(t)));
    }
    harness.processWatermark(at(t));
    assertThat(signals()).as("a 3 s dip barely moves a 30 s recent level").isEmpty();

    int shift = t;
    for (; t < shift + 300; t++) {
      feed(
          reading(
              "winding_temperature_c", 70 + noise.nextGaussian(), at(t))); // a step of -10 sigma
    }
    harness.processWatermark(at(t));

    assertThat(signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.active()).isTrue();
              // the recent level covers 3 of the 10 sigma in about half a half-life; the baseline's
              // standard deviation grows as it learns the step, so it takes somewhat longer
              assertThat(s.time()).isBetween(at(shift + 10), at(shift + 60));
              assertThat(s.evidence().get("zscore")).isLessThanOrEqualTo(-3.0);
              assertThat(s.evidence()).containsKeys("recent.mean", "baseline.mean", "baseline.std");
            });
  }
}
