package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Validation of the components every work-order command and event shares. */
final class WorkOrderChecks {

  /** Most figures a work order's evidence may hold. */
  static final int MAX_EVIDENCE = 64;

  private WorkOrderChecks() {}

  static void command(
      UUID commandId, int schemaVersion, String workOrderId, String assetId, Instant issuedAt) {
    Checks.present("commandId", commandId);
    Checks.schemaVersion(schemaVersion, WorkOrderCommand.SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("workOrderId", workOrderId);
    Ids.require("assetId", assetId);
    Checks.present("issuedAt", issuedAt);
  }

  static void event(
      UUID eventId,
      int schemaVersion,
      String workOrderId,
      String assetId,
      long version,
      Instant occurredAt,
      UUID commandId) {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, WorkOrderEvent.SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("workOrderId", workOrderId);
    Ids.require("assetId", assetId);
    if (version < 1) {
      throw new ContractViolationException("version", "must be 1 or more");
    }
    Checks.present("occurredAt", occurredAt);
    Checks.present("commandId", commandId);
  }

  /**
   * The evidence of an opening command or event: figures behind the alarm, empty for a work order
   * opened by hand; schema version 1 has no evidence.
   */
  static Map<String, Double> evidence(int schemaVersion, Map<String, Double> evidence) {
    Map<String, Double> copy = Checks.figures("evidence", evidence);
    if (schemaVersion < 2 && !copy.isEmpty()) {
      throw new ContractViolationException("evidence", "needs schemaVersion 2 or later");
    }
    if (copy.size() > MAX_EVIDENCE) {
      throw new ContractViolationException(
          "evidence", "more than " + MAX_EVIDENCE + " figures (" + copy.size() + ")");
    }
    return copy;
  }

  /** A planned window: both ends present, the end after the start. */
  static void window(Instant plannedStart, Instant plannedEnd) {
    Checks.present("plannedStart", plannedStart);
    Checks.present("plannedEnd", plannedEnd);
    if (!plannedEnd.isAfter(plannedStart)) {
      throw new ContractViolationException("plannedEnd", "must be after plannedStart");
    }
  }

  /** An alarm always comes from a rule, so a work order that names an alarm names its rule. */
  static void alarmOrigin(String alarmId, String ruleId) {
    if (alarmId != null) {
      Ids.require("alarmId", alarmId);
      Ids.require("ruleId", ruleId);
    } else if (ruleId != null) {
      Ids.require("ruleId", ruleId);
    }
  }
}
