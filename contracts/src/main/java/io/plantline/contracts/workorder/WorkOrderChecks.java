package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/** Validation of the components every work-order command and event shares. */
final class WorkOrderChecks {

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
