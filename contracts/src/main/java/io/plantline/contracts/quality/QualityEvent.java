package io.plantline.contracts.quality;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A rule of statistical process control raised or cleared on a characteristic's control chart,
 * published by the quality service on {@code quality.events.v1} keyed by {@code deviceId}.
 *
 * <p>{@code figures} holds the numbers the rule judged, by name: {@code value} (the plotted
 * statistic), and where the chart has them {@code cl}, {@code ucl} and {@code lcl} (the limits at
 * that point).
 *
 * @param eventId unique id of the event (derived from characteristic, rule, subgroup and kind, so a
 *     republish repeats it)
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param kind raised or cleared
 * @param characteristicId the characteristic under control
 * @param deviceId the device whose readings feed it; the Kafka key
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param metric the metric charted
 * @param ruleId the rule, for example {@code WE1} or {@code CUSUM_UP}
 * @param chart the chart type, for example {@code XBAR_R}
 * @param alarmId the alarm on {@code alarms.v1} this event raises or clears
 * @param limitVersion version of the frozen limits the point was judged against, 1 or more
 * @param subgroup number of the subgroup at which the rule fired or cleared, 1 or more
 * @param patternSubgroups numbers of the subgroups that make up the pattern, oldest first; empty
 *     for a clearance
 * @param occurredAt when the subgroup was complete
 * @param message human-readable description
 * @param figures named finite figures, keys are {@link Ids ids}, sorted by key
 */
public record QualityEvent(
    UUID eventId,
    int schemaVersion,
    QualityEventKind kind,
    String characteristicId,
    String deviceId,
    String siteId,
    String areaId,
    String metric,
    String ruleId,
    String chart,
    String alarmId,
    int limitVersion,
    long subgroup,
    List<Long> patternSubgroups,
    Instant occurredAt,
    String message,
    Map<String, Double> figures) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component and copies the collections; failures name the field. */
  public QualityEvent {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Checks.present("kind", kind);
    Ids.require("characteristicId", characteristicId);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Ids.require("metric", metric);
    Ids.require("ruleId", ruleId);
    Ids.require("chart", chart);
    Ids.require("alarmId", alarmId);
    if (limitVersion < 1) {
      throw new io.plantline.contracts.ContractViolationException("limitVersion", "below 1");
    }
    if (subgroup < 1) {
      throw new io.plantline.contracts.ContractViolationException("subgroup", "below 1");
    }
    patternSubgroups = Checks.listCopy("patternSubgroups", patternSubgroups);
    for (int i = 0; i < patternSubgroups.size(); i++) {
      if (patternSubgroups.get(i) < 1) {
        throw new io.plantline.contracts.ContractViolationException(
            "patternSubgroups[" + i + "]", "below 1");
      }
    }
    Checks.present("occurredAt", occurredAt);
    Checks.text("message", message);
    figures = Checks.figures("figures", figures);
  }
}
