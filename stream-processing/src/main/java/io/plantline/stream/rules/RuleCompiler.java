package io.plantline.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.stream.domain.CombinedRise;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.EwmaZScore;
import io.plantline.stream.domain.Flatline;
import io.plantline.stream.domain.Gate;
import io.plantline.stream.domain.LevelShift;
import io.plantline.stream.domain.MissingData;
import io.plantline.stream.domain.RateOfChange;
import io.plantline.stream.domain.RuleSpec;
import io.plantline.stream.domain.SpikeCount;
import io.plantline.stream.domain.SustainedThreshold;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles one rule mapping of a rule file into its {@link Detector}, by {@code kind}. */
final class RuleCompiler {
  /** The detector kinds a rule file may name. */
  static final List<String> KINDS =
      List.of(
          "sustained-threshold",
          "rate-of-change",
          "spike-count",
          "flatline",
          "missing-data",
          "combined-rise",
          "ewma-zscore",
          "level-shift");

  private RuleCompiler() {}

  static Detector compile(YamlNode rule, String type, Set<String> metrics) {
    String kind = rule.string("kind");
    RuleSpec spec =
        new RuleSpec(
            rule.string("id"),
            kind,
            rule.enumValue("severity", AlarmSeverity.class, AlarmSeverity.MEDIUM),
            rule.duration("onDelay", 0),
            rule.duration("offDelay", 0),
            rule.string("description", null));
    Detector detector =
        switch (kind) {
          case "sustained-threshold" -> threshold(rule, spec, type, metrics);
          case "rate-of-change" -> {
            double maxRise = positive(rule, "maxRise");
            yield new RateOfChange(
                spec,
                metric(rule, "metric", type, metrics),
                rule.duration("window"),
                maxRise,
                rule.number("clearRise", maxRise / 2));
          }
          case "spike-count" ->
              new SpikeCount(
                  spec,
                  metric(rule, "metric", type, metrics),
                  rule.number("above"),
                  (int) rule.positiveInteger("count", 3),
                  rule.duration("window"));
          case "flatline" ->
              new Flatline(
                  spec,
                  metric(rule, "metric", type, metrics),
                  rule.duration("for"),
                  rule.number("tolerance", 0.0),
                  gate(rule, type, metrics));
          case "missing-data" ->
              new MissingData(spec, metric(rule, "metric", type, metrics), rule.duration("for"));
          case "combined-rise" -> combined(rule, spec, type, metrics);
          case "ewma-zscore" -> {
            double raise = positive(rule, "raiseZ");
            yield new EwmaZScore(
                spec,
                metric(rule, "metric", type, metrics),
                rule.duration("halfLife"),
                raise,
                rule.number("clearZ", raise / 2),
                rule.positiveInteger("minSamples", 30),
                rule.number("minStd", 1e-6),
                gate(rule, type, metrics));
          }
          case "level-shift" -> levelShift(rule, spec, type, metrics);
          default -> throw rule.error("kind", "unknown kind '" + kind + "' (known: " + KINDS + ")");
        };
    rule.finish();
    return detector;
  }

  private static Detector threshold(YamlNode rule, RuleSpec spec, String type, Set<String> m) {
    String metric = metric(rule, "metric", type, m);
    boolean hasAbove = rule.has("above");
    boolean hasBelow = rule.has("below");
    rule.markRead("above");
    rule.markRead("below");
    if (hasAbove == hasBelow) {
      throw rule.error("above", "give exactly one of 'above' and 'below'");
    }
    double limit = hasAbove ? rule.number("above") : rule.number("below");
    String clearKey = hasAbove ? "clearBelow" : "clearAbove";
    rule.markRead(hasAbove ? "clearAbove" : "clearBelow");
    double clearAt = rule.number(clearKey, limit);
    if (hasAbove ? clearAt > limit : clearAt < limit) {
      throw rule.error(clearKey, "must be on the safe side of the limit " + limit);
    }
    return new SustainedThreshold(
        spec, metric, hasAbove, limit, clearAt, rule.duration("for", 0), gate(rule, type, m));
  }

  private static Detector levelShift(YamlNode rule, RuleSpec spec, String type, Set<String> m) {
    String metric = metric(rule, "metric", type, m);
    long recent = rule.duration("recent");
    long baseline = rule.duration("baseline");
    if (recent <= 0) {
      throw rule.error("recent", "must be longer than 0");
    }
    if (baseline <= recent) {
      throw rule.error("baseline", "must be longer than recent");
    }
    double raise = positive(rule, "raiseZ");
    return new LevelShift(
        spec,
        metric,
        recent,
        baseline,
        raise,
        rule.number("clearZ", raise / 2),
        rule.positiveInteger("minSamples", 30),
        rule.number("minStd", 1e-6),
        gate(rule, type, m));
  }

  private static Detector combined(YamlNode rule, RuleSpec spec, String type, Set<String> m) {
    long window = rule.duration("window");
    YamlNode rises = rule.child("rises");
    Map<String, Double> minRises = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = rises.entries(); it.hasNext(); ) {
      String metric = it.next().getKey();
      metric(rises, metric, type, m, metric);
      minRises.put(metric, positive(rises, metric));
    }
    rises.finish();
    if (minRises.size() < 2) {
      throw rule.error("rises", "a combined rule needs at least two metrics");
    }
    return new CombinedRise(spec, window, minRises);
  }

  private static Gate gate(YamlNode rule, String type, Set<String> metrics) {
    rule.markRead("while");
    if (!rule.has("while")) {
      return null;
    }
    YamlNode w = rule.child("while");
    Gate gate = new Gate(metric(w, "metric", type, metrics), w.number("equals"));
    w.finish();
    return gate;
  }

  private static String metric(YamlNode node, String key, String type, Set<String> metrics) {
    return metric(node, key, type, metrics, node.string(key));
  }

  private static String metric(
      YamlNode node, String key, String type, Set<String> metrics, String name) {
    if (!metrics.contains(name)) {
      throw node.error(
          key,
          "unknown metric '" + name + "' for device type " + type + " (known: " + metrics + ")");
    }
    return name;
  }

  private static double positive(YamlNode node, String key) {
    double v = node.number(key);
    if (v <= 0) {
      throw node.error(key, "must be greater than 0");
    }
    return v;
  }
}
