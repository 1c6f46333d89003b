package io.plantline.gateway.app;

import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.gateway.app.config.DeviceConfig;
import io.plantline.gateway.domain.ReportByException;
import io.plantline.gateway.domain.SpikeFilter;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Edge processing of one device's values: the spike filter (where configured), report-by-exception
 * with a heartbeat, and the readings of a batch with units from the register map. Not thread-safe:
 * one device's polls run on one connection thread.
 */
final class ReadingPipeline {
  private final Map<String, PointDefinition> points = new HashMap<>();
  private final Map<String, ReportByException> reporting = new HashMap<>();
  private final Map<String, SpikeFilter> filters = new HashMap<>();
  private final Map<String, Double> lastGood = new HashMap<>();

  ReadingPipeline(DeviceConfig config) {
    for (PointDefinition point : config.registerMap().points()) {
      if (point.type() == DataType.STRING) {
        continue;
      }
      points.put(point.name(), point);
      reporting.put(
          point.name(),
          new ReportByException(config.deadbandOf(point.name()), config.maxSilence()));
      filters.put(point.name(), filterFor(config, point.name()));
    }
  }

  private static SpikeFilter filterFor(DeviceConfig config, String point) {
    if (!config.spikeFilterPoints().contains(point)) {
      return SpikeFilter.none();
    }
    return switch (config.spikeFilterType()) {
      case "hampel" -> SpikeFilter.hampel(config.hampelHalfWindow(), config.hampelSigmas());
      case "median3" -> SpikeFilter.medianOf3();
      default -> SpikeFilter.none();
    };
  }

  /**
   * The readings worth reporting from one poll: {@code values} read fine, {@code failed} points
   * could not be read (quality BAD, last good value kept).
   */
  List<BatchReading> process(
      Map<String, Double> values, Collection<PointDefinition> failed, Instant sourceTime) {
    List<BatchReading> readings = new ArrayList<>();
    values.forEach(
        (name, raw) -> {
          PointDefinition point = points.get(name);
          if (point == null) {
            return;
          }
          if (!Double.isFinite(raw)) {
            report(readings, point, lastGood.getOrDefault(name, 0.0), Quality.BAD, sourceTime);
            return;
          }
          SpikeFilter filter = filters.get(name);
          double value = filter.apply(raw);
          Quality quality = filter.lastWasSpike() ? Quality.UNCERTAIN : Quality.GOOD;
          lastGood.put(name, value);
          report(readings, point, value, quality, sourceTime);
        });
    for (PointDefinition point : failed) {
      if (points.containsKey(point.name())) {
        report(readings, point, lastGood.getOrDefault(point.name(), 0.0), Quality.BAD, sourceTime);
      }
    }
    return readings;
  }

  private void report(
      List<BatchReading> readings,
      PointDefinition point,
      double value,
      Quality quality,
      Instant at) {
    if (reporting.get(point.name()).shouldReport(value, quality == Quality.GOOD, at)) {
      String unit = point.unit() == null || point.unit().isBlank() ? "1" : point.unit();
      readings.add(new BatchReading(point.name(), value, unit, quality, at));
    }
  }
}
