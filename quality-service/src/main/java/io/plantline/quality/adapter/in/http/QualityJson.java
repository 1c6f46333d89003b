package io.plantline.quality.adapter.in.http;

import io.plantline.quality.domain.Capability;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartPoint;
import io.plantline.quality.domain.ChartState;
import io.plantline.quality.domain.LimitVersion;
import io.plantline.quality.domain.QualityMonitor;
import io.plantline.quality.domain.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** JSON of the API; NaN (no such figure) is written as null. */
final class QualityJson {
  private QualityJson() {}

  static JsonObject characteristic(Characteristic c, QualityMonitor monitor) {
    ChartState state = monitor.state(c.id()).orElseThrow();
    JsonObject o =
        new JsonObject()
            .put("id", c.id())
            .put("deviceId", c.deviceId())
            .put("metric", c.metric())
            .put("chart", c.chart().name())
            .put("subgroupSize", c.subgroupSize())
            .put("rules", new JsonArray(c.rules().stream().map(Enum::name).sorted().toList()))
            .put("phase", state.limits() == null ? "I" : "II")
            .put("limitVersion", state.limitVersion())
            .put("baselineCollected", state.baseline().size())
            .put("baselineSubgroups", c.baselineSubgroups());
    c.spec()
        .ifPresent(
            s ->
                o.put(
                    "spec",
                    new JsonObject()
                        .put("lsl", s.lower().isPresent() ? s.lower().getAsDouble() : null)
                        .put("usl", s.upper().isPresent() ? s.upper().getAsDouble() : null)
                        .put("target", s.target().isPresent() ? s.target().getAsDouble() : null)));
    return o;
  }

  static JsonObject chart(Characteristic c, Instant from, Instant to, List<ChartPoint> points) {
    JsonArray array = new JsonArray();
    for (ChartPoint p : points) {
      JsonObject point =
          new JsonObject()
              .put("subgroup", p.number())
              .put("at", p.at().toString())
              .put("value", n(p.value()))
              .put("secondary", n(p.secondary()))
              .put("limitVersion", p.limitVersion());
      if (p.limits() != null) {
        point
            .put("cl", n(p.limits().center()))
            .put("ucl", n(p.limits().upper()))
            .put("lcl", n(p.limits().lower()))
            .put("secondaryCl", n(p.limits().secondaryCenter()))
            .put("secondaryUcl", n(p.limits().secondaryUpper()))
            .put("secondaryLcl", n(p.limits().secondaryLower()));
      }
      JsonArray violations = new JsonArray();
      for (Violation v : p.violations()) {
        violations.add(
            new JsonObject()
                .put("rule", v.rule().name())
                .put("description", v.rule().description())
                .put("subgroups", new JsonArray(v.subgroups())));
      }
      array.add(point.put("violations", violations));
    }
    return new JsonObject()
        .put("characteristicId", c.id())
        .put("chart", c.chart().name())
        .put("primary", c.chart().primaryLabel())
        .put("secondary", c.chart().secondaryLabel())
        .put("from", from.toString())
        .put("to", to.toString())
        .put("points", array);
  }

  static JsonObject capability(Characteristic c, Capability.Report r) {
    return new JsonObject()
        .put("characteristicId", c.id())
        .put("n", r.n())
        .put("mean", n(r.mean()))
        .put("sigmaWithin", n(r.sigmaWithin()))
        .put("sigmaOverall", n(r.sigmaOverall()))
        .put("confidence", r.confidence())
        .put("cp", index(r.cp()))
        .put("cpk", index(r.cpk()))
        .put("pp", index(r.pp()))
        .put("ppk", index(r.ppk()))
        .put("cpm", index(r.cpm()))
        .put(
            "normality",
            new JsonObject()
                .put("test", "Anderson-Darling")
                .put("a2", n(r.normality().statistic()))
                .put("a2Adjusted", n(r.normality().adjusted()))
                .put("pValue", n(r.normality().pValue()))
                .put("normalAt5Percent", !r.normality().rejects(0.05)));
  }

  static JsonObject versions(List<LimitVersion> versions) {
    JsonArray array = new JsonArray();
    versions.forEach(v -> array.add(version(v)));
    return new JsonObject().put("versions", array);
  }

  static JsonObject version(LimitVersion v) {
    return new JsonObject()
        .put("version", v.version())
        .put("chart", v.limits().chart().name())
        .put("center", n(v.limits().center()))
        .put("sigma", n(v.limits().sigma()))
        .put("subgroupsUsed", v.subgroupsUsed())
        .put("excludedSubgroups", new JsonArray(v.excluded()))
        .put("frozenAt", v.frozenAt().toString())
        .put("actor", v.actor())
        .put("reason", v.reason());
  }

  private static JsonObject index(Capability.Index i) {
    return new JsonObject()
        .put("value", n(i.value()))
        .put("lower", n(i.lower()))
        .put("upper", n(i.upper()));
  }

  private static Double n(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
