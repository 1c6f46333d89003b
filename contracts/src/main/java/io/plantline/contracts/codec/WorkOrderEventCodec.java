package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCancelled;
import io.plantline.contracts.workorder.WorkOrderCommented;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderStarted;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * JSON codec of {@link WorkOrderEvent}. The subtype travels in the {@code type} field under a fixed
 * name that does not follow class renames; optional fields are left out when absent.
 */
final class WorkOrderEventCodec extends JsonCodec<WorkOrderEvent> {

  static final String OPENED = "WorkOrderOpened";
  static final String ASSIGNED = "WorkOrderAssigned";
  static final String STARTED = "WorkOrderStarted";
  static final String COMPLETED = "WorkOrderCompleted";
  static final String CANCELLED = "WorkOrderCancelled";
  static final String OCCURRENCE_ATTACHED = "WorkOrderOccurrenceAttached";
  static final String COMMENTED = "WorkOrderCommented";
  static final String VERIFIED = "WorkOrderVerified";
  static final String PLANNED = "WorkOrderPlanned";

  private static final Set<String> TYPES =
      Set.of(
          OPENED,
          ASSIGNED,
          STARTED,
          COMPLETED,
          CANCELLED,
          OCCURRENCE_ATTACHED,
          COMMENTED,
          VERIFIED,
          PLANNED);

  @Override
  WorkOrderEvent read(JsonFields f) {
    String type = f.string("type");
    if (!TYPES.contains(type)) {
      throw new ContractViolationException("type", "unknown type '" + type + "'");
    }
    int v = f.schemaVersion(WorkOrderEvent.SUPPORTED_SCHEMA_VERSIONS);
    UUID eventId = f.uuid("eventId");
    String workOrderId = f.string("workOrderId");
    String assetId = f.string("assetId");
    long version = f.longInteger("version");
    Instant occurredAt = f.instant("occurredAt");
    UUID commandId = f.uuid("commandId");
    return switch (type) {
      case OPENED -> opened(f, eventId, v, workOrderId, assetId, version, occurredAt, commandId);
      case ASSIGNED ->
          new WorkOrderAssigned(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.string("assignee"));
      case STARTED ->
          new WorkOrderStarted(eventId, v, workOrderId, assetId, version, occurredAt, commandId);
      case COMPLETED ->
          new WorkOrderCompleted(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.optionalString("notes"));
      case CANCELLED ->
          new WorkOrderCancelled(
              eventId, v, workOrderId, assetId, version, occurredAt, commandId, f.string("reason"));
      case OCCURRENCE_ATTACHED ->
          new WorkOrderOccurrenceAttached(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.string("alarmId"),
              f.integer("occurrences"));
      case COMMENTED ->
          new WorkOrderCommented(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.string("author"),
              f.string("text"));
      case VERIFIED ->
          new WorkOrderVerified(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.optionalString("alarmId"));
      case PLANNED ->
          new WorkOrderPlanned(
              eventId,
              v,
              workOrderId,
              assetId,
              version,
              occurredAt,
              commandId,
              f.instant("plannedStart"),
              f.instant("plannedEnd"));
      default -> throw new IllegalStateException("type without a reader: " + type);
    };
  }

  private static WorkOrderOpened opened(
      JsonFields f,
      UUID eventId,
      int v,
      String workOrderId,
      String assetId,
      long version,
      Instant occurredAt,
      UUID commandId) {
    return new WorkOrderOpened(
        eventId,
        v,
        workOrderId,
        assetId,
        version,
        occurredAt,
        commandId,
        f.string("siteId"),
        f.enumValue("priority", WorkOrderPriority.class),
        f.optionalString("alarmId"),
        f.optionalString("ruleId"),
        f.string("reason"),
        f.evidence(v));
  }

  @Override
  void write(WorkOrderEvent event, ObjectNode node) {
    node.put("type", typeName(event));
    put(node, "eventId", event.eventId());
    node.put("schemaVersion", event.schemaVersion());
    node.put("workOrderId", event.workOrderId());
    node.put("assetId", event.assetId());
    node.put("version", event.version());
    put(node, "occurredAt", event.occurredAt());
    put(node, "commandId", event.commandId());
    if (event instanceof WorkOrderOpened opened) {
      node.put("siteId", opened.siteId());
      put(node, "priority", opened.priority());
      putIfPresent(node, "alarmId", opened.alarmId());
      putIfPresent(node, "ruleId", opened.ruleId());
      node.put("reason", opened.reason());
      if (opened.schemaVersion() >= 2) {
        put(node, "evidence", opened.evidence());
      }
    } else if (event instanceof WorkOrderAssigned assigned) {
      node.put("assignee", assigned.assignee());
    } else if (event instanceof WorkOrderCompleted completed) {
      putIfPresent(node, "notes", completed.notes());
    } else if (event instanceof WorkOrderCancelled cancelled) {
      node.put("reason", cancelled.reason());
    } else if (event instanceof WorkOrderOccurrenceAttached attached) {
      node.put("alarmId", attached.alarmId());
      node.put("occurrences", attached.occurrences());
    } else if (event instanceof WorkOrderCommented commented) {
      node.put("author", commented.author());
      node.put("text", commented.text());
    } else if (event instanceof WorkOrderVerified verified) {
      putIfPresent(node, "alarmId", verified.alarmId());
    } else if (event instanceof WorkOrderPlanned planned) {
      put(node, "plannedStart", planned.plannedStart());
      put(node, "plannedEnd", planned.plannedEnd());
    }
  }

  private static String typeName(WorkOrderEvent event) {
    if (event instanceof WorkOrderOpened) {
      return OPENED;
    } else if (event instanceof WorkOrderAssigned) {
      return ASSIGNED;
    } else if (event instanceof WorkOrderStarted) {
      return STARTED;
    } else if (event instanceof WorkOrderCompleted) {
      return COMPLETED;
    } else if (event instanceof WorkOrderCancelled) {
      return CANCELLED;
    } else if (event instanceof WorkOrderOccurrenceAttached) {
      return OCCURRENCE_ATTACHED;
    } else if (event instanceof WorkOrderCommented) {
      return COMMENTED;
    } else if (event instanceof WorkOrderVerified) {
      return VERIFIED;
    } else if (event instanceof WorkOrderPlanned) {
      return PLANNED;
    }
    throw new IllegalArgumentException("no wire type for " + event.getClass().getName());
  }
}
