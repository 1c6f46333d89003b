package io.plantline.stream.job;

import static io.plantline.stream.TestRules.at;
import static io.plantline.stream.TestRules.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.stream.TestRules;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSignal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every rule kind: readings that arrive shuffled (but ahead of the watermark) give exactly the
 * signals of the same readings in order, and leave no buffered readings or reading timers behind.
 */
class ArrivalOrderTest {

  static Stream<Arguments> scenarios() {
    Random noise = new Random(3);
    List<Reading> drive = new ArrayList<>();
    drive.add(reading("state", 1, at(0)));
    for (int i = 1; i <= 400; i++) {
      double temp = 70 + noise.nextGaussian() * 0.2 + (i > 150 && i < 300 ? (i - 150) * 0.4 : 0);
      double vib = 1.2 + noise.nextGaussian() * 0.05 + (i > 150 && i < 300 ? (i - 150) * 0.02 : 0);
      if (i % 37 == 0) {
        vib = 9;
      }
      if (i > 320 && i < 400) {
        temp = 77.0; // stuck
      }
      drive.add(reading("winding_temperature_c", temp, at(i)));
      drive.add(reading("bearing_vibration_mm_s", vib, at(i)));
      if (i < 200 || i > 290) {
        drive.add(reading("speed_rpm", 12000, at(i)));
        drive.add(
            reading("current_a", 12 + noise.nextGaussian() * 0.1 + (i == 120 ? 5 : 0), at(i)));
      }
    }
    return Stream.of(
        Arguments.of(
            "sustained-threshold",
            "{id: r, deviceType: motor-spindle, kind:"
                + " sustained-threshold, metric: winding_temperature_c, above: 100, clearBelow: 90,"
                + " for: 10s, while: {metric: state, equals: 1}}",
            drive),
        Arguments.of(
            "rate-of-change",
            "{id: r, deviceType: motor-spindle, kind: rate-of-change,"
                + " metric: winding_temperature_c, window: 1m, maxRise: 15}",
            drive),
        Arguments.of(
            "spike-count",
            "{id: r, deviceType: motor-spindle, kind: spike-count,"
                + " metric: bearing_vibration_mm_s, above: 7.1, count: 2, window: 1m}",
            drive),
        Arguments.of(
            "flatline",
            "{id: r, deviceType: motor-spindle, kind: flatline,"
                + " metric: winding_temperature_c, for: 30s}",
            drive),
        Arguments.of(
            "missing-data",
            "{id: r, deviceType: motor-spindle, kind: missing-data,"
                + " metric: speed_rpm, for: 30s}",
            drive),
        Arguments.of(
            "combined-rise",
            "{id: r, deviceType: motor-spindle, kind: combined-rise,"
                + " window: 1m, rises: {bearing_vibration_mm_s: 0.5, winding_temperature_c: 10}}",
            drive),
        Arguments.of(
            "ewma-zscore",
            "{id: r, deviceType: motor-spindle, kind: ewma-zscore,"
                + " metric: current_a, halfLife: 2m, raiseZ: 6, minSamples: 50, minStd: 0.01}",
            drive),
        Arguments.of(
            "level-shift",
            "{id: r, deviceType: motor-spindle, kind: level-shift, metric: winding_temperature_c,"
                + " recent: 20s, baseline: 5m, raiseZ: 1.5, minSamples: 50, minStd: 0.1}",
            drive));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shouldGiveTheSameSignalsWhateverTheArrivalOrder(String kind, String rule, List<Reading> in)
      throws Exception {
    List<RuleSignal> ordered = run(rule, in);
    List<Reading> shuffled = new ArrayList<>(in);
    Collections.shuffle(shuffled, new Random(kind.hashCode()));

    List<RuleSignal> fromShuffled = run(rule, shuffled);

    assertThat(ordered).as("the scenario must exercise the rule").isNotEmpty();
    assertThat(fromShuffled).isEqualTo(ordered);
  }

  private static List<RuleSignal> run(String rule, List<Reading> readings) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, Reading, RuleSignal> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeviceRuleEvaluator(TestRules.spindles("- " + rule))),
            Reading::deviceId,
            Types.STRING)) {
      h.open();
      for (Reading r : readings) {
        h.processElement(r, r.timestamp());
      }
      h.processWatermark(at(500));
      int deadlineTimers = rule.contains("missing-data") ? 1 : 0;
      assertThat(h.numEventTimeTimers()).isLessThanOrEqualTo(deadlineTimers);
      return List.copyOf(h.extractOutputValues());
    }
  }
}
