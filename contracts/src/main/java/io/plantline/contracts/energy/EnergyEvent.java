package io.plantline.contracts.energy;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A finding of the energy service, published on {@code energy.events.v1} keyed by {@code deviceId}
 * (the meter).
 *
 * <p>{@code figures} holds the numbers behind it by name, for example {@code {"predicted.kw":
 * 162.4, "target.kw": 150.0, "reduction.kw": 21.3}} for a peak-demand forecast or {@code
 * {"idle.kwh": 48.2, "intervals": 4.0}} for idle energy.
 *
 * @param eventId unique id of the event (derived from its content, so a replay repeats it)
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param kind what the event reports
 * @param deviceId the meter; the Kafka key
 * @param siteId the site of the meter
 * @param machineId the machine concerned, or null when the finding is about the meter
 * @param intervalStart start of the billing interval (the first one for a run of intervals)
 * @param intervalEnd end of the (last) billing interval
 * @param occurredAt when the service found it (the reading's time)
 * @param message human-readable description
 * @param figures named finite figures, keys are {@link Ids ids}, sorted by key
 */
public record EnergyEvent(
    UUID eventId,
    int schemaVersion,
    EnergyEventKind kind,
    String deviceId,
    String siteId,
    String machineId,
    Instant intervalStart,
    Instant intervalEnd,
    Instant occurredAt,
    String message,
    Map<String, Double> figures) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component and copies {@code figures} into an unmodifiable sorted map. */
  public EnergyEvent {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Checks.present("kind", kind);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    if (machineId != null) {
      Ids.require("machineId", machineId);
    }
    Checks.present("intervalStart", intervalStart);
    Checks.present("intervalEnd", intervalEnd);
    Checks.present("occurredAt", occurredAt);
    Checks.text("message", message);
    figures = Checks.figures("figures", figures);
  }
}
