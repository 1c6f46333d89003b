package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderPriority;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * JSON codec of {@link WorkOrderCommand}. The subtype travels in the {@code type} field under a
 * fixed name that does not follow class renames; optional fields are left out when absent.
 */
final class WorkOrderCommandCodec extends JsonCodec<WorkOrderCommand> {

  static final String OPEN = "OpenWorkOrder";
  static final String ASSIGN = "AssignWorkOrder";
  static final String START = "StartWorkOrder";
  static final String COMPLETE = "CompleteWorkOrder";
  static final String CANCEL = "CancelWorkOrder";

  private static final Set<String> TYPES = Set.of(OPEN, ASSIGN, START, COMPLETE, CANCEL);

  @Override
  WorkOrderCommand read(JsonFields f) {
    String type = f.string("type");
    if (!TYPES.contains(type)) {
      throw new ContractViolationException("type", "unknown type '" + type + "'");
    }
    int v = f.schemaVersion(WorkOrderCommand.SUPPORTED_SCHEMA_VERSIONS);
    UUID commandId = f.uuid("commandId");
    String workOrderId = f.string("workOrderId");
    String assetId = f.string("assetId");
    Instant issuedAt = f.instant("issuedAt");
    return switch (type) {
      case OPEN ->
          new OpenWorkOrder(
              commandId,
              v,
              workOrderId,
              f.string("siteId"),
              assetId,
              f.enumValue("priority", WorkOrderPriority.class),
              f.optionalString("alarmId"),
              f.optionalString("ruleId"),
              f.string("reason"),
              f.evidence(v),
              issuedAt);
      case ASSIGN ->
          new AssignWorkOrder(commandId, v, workOrderId, assetId, f.string("assignee"), issuedAt);
      case START -> new StartWorkOrder(commandId, v, workOrderId, assetId, issuedAt);
      case COMPLETE ->
          new CompleteWorkOrder(
              commandId, v, workOrderId, assetId, f.optionalString("notes"), issuedAt);
      case CANCEL ->
          new CancelWorkOrder(commandId, v, workOrderId, assetId, f.string("reason"), issuedAt);
      default -> throw new IllegalStateException("type without a reader: " + type);
    };
  }

  @Override
  void write(WorkOrderCommand command, ObjectNode node) {
    node.put("type", typeName(command));
    put(node, "commandId", command.commandId());
    node.put("schemaVersion", command.schemaVersion());
    node.put("workOrderId", command.workOrderId());
    node.put("assetId", command.assetId());
    if (command instanceof OpenWorkOrder open) {
      node.put("siteId", open.siteId());
      put(node, "priority", open.priority());
      putIfPresent(node, "alarmId", open.alarmId());
      putIfPresent(node, "ruleId", open.ruleId());
      node.put("reason", open.reason());
      if (open.schemaVersion() >= 2) {
        put(node, "evidence", open.evidence());
      }
    } else if (command instanceof AssignWorkOrder assign) {
      node.put("assignee", assign.assignee());
    } else if (command instanceof CompleteWorkOrder complete) {
      putIfPresent(node, "notes", complete.notes());
    } else if (command instanceof CancelWorkOrder cancel) {
      node.put("reason", cancel.reason());
    }
    put(node, "issuedAt", command.issuedAt());
  }

  private static String typeName(WorkOrderCommand command) {
    if (command instanceof OpenWorkOrder) {
      return OPEN;
    } else if (command instanceof AssignWorkOrder) {
      return ASSIGN;
    } else if (command instanceof StartWorkOrder) {
      return START;
    } else if (command instanceof CompleteWorkOrder) {
      return COMPLETE;
    } else if (command instanceof CancelWorkOrder) {
      return CANCEL;
    }
    throw new IllegalArgumentException("no wire type for " + command.getClass().getName());
  }
}
