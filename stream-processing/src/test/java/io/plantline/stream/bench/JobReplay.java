package io.plantline.stream.bench;

import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.job.AlarmLifecycle;
import io.plantline.stream.job.DeviceRuleEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Replays readings, in the given (arrival) order, through the job's own {@code device-rules} and
 * {@code alarm-lifecycle} operators ({@link DeviceRuleEvaluator}, {@link AlarmLifecycle}) in Flink
 * operator test harnesses, with the job's watermark strategy applied after every reading: bounded
 * out-of-orderness, watermark = highest event time so far − bound − 1 ms (Flink's {@code
 * BoundedOutOfOrderness} rule, emitted as early as possible). Readings at or behind the watermark
 * are late for the job and do not reach the rules. So the rules' on- and off-delays (the refractory
 * behaviour of the alarm lifecycle) apply exactly as in the job.
 */
final class JobReplay {
  private JobReplay() {}

  /**
   * What the replay produced.
   *
   * @param raised the RAISED alarm transitions, in emission order
   * @param lateReadings readings the rule operator sent to its late side output
   */
  record Outcome(List<AlarmRecord> raised, int lateReadings) {}

  static Outcome run(RuleSet rules, List<Reading> readings, long outOfOrdernessMs)
      throws Exception {
    List<AlarmRecord> raised = new ArrayList<>();
    int late = 0;
    try (KeyedOneInputStreamOperatorTestHarness<String, Reading, RuleSignal> evaluator =
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceRuleEvaluator(rules)),
                Reading::deviceId,
                Types.STRING);
        KeyedTwoInputStreamOperatorTestHarness<String, RuleSignal, OperatorCommand, AlarmRecord>
            lifecycle =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                    new KeyedCoProcessOperator<>(
                        new AlarmLifecycle(rules.settings().workOrderMinSeverity())),
                    RuleSignal::deviceId,
                    OperatorCommand::deviceId,
                    Types.STRING)) {
      evaluator.open();
      lifecycle.open();
      long maxTime = Long.MIN_VALUE;
      long watermark = Long.MIN_VALUE;
      for (Reading r : readings) {
        evaluator.processElement(r, r.timestamp());
        maxTime = Math.max(maxTime, r.timestamp());
        long next = maxTime - outOfOrdernessMs - 1;
        if (next > watermark) {
          watermark = next;
          evaluator.processWatermark(watermark);
          forward(evaluator, lifecycle, watermark, raised);
        }
      }
      evaluator.processWatermark(Long.MAX_VALUE);
      forward(evaluator, lifecycle, Long.MAX_VALUE, raised);
      var lateOutput = evaluator.getSideOutput(DeviceRuleEvaluator.LATE_READINGS);
      late = lateOutput == null ? 0 : lateOutput.size();
    }
    return new Outcome(raised, late);
  }

  private static void forward(
      KeyedOneInputStreamOperatorTestHarness<String, Reading, RuleSignal> evaluator,
      KeyedTwoInputStreamOperatorTestHarness<String, RuleSignal, OperatorCommand, AlarmRecord>
          lifecycle,
      long watermark,
      List<AlarmRecord> raised)
      throws Exception {
    for (RuleSignal s : evaluator.extractOutputValues()) {
      lifecycle.processElement1(s, s.time());
    }
    evaluator.getOutput().clear();
    lifecycle.processBothWatermarks(new Watermark(watermark));
    for (AlarmRecord a : lifecycle.extractOutputValues()) {
      if (a.state() == AlarmState.RAISED) {
        raised.add(a);
      }
    }
    lifecycle.getOutput().clear();
  }
}
