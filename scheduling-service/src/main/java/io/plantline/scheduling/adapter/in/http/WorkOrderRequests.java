package io.plantline.scheduling.adapter.in.http;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.scheduling.domain.CommentWorkOrder;
import io.plantline.scheduling.domain.PlanWorkOrder;
import io.plantline.scheduling.domain.VerifyWorkOrder;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/** Turns REST bodies into commands; every failure names the field. */
final class WorkOrderRequests {

  /** Largest page a list returns. */
  static final int MAX_PAGE_SIZE = 100;

  /** Page size when none is asked for. */
  static final int DEFAULT_PAGE_SIZE = 25;

  /** The transition actions. */
  static final List<String> ACTIONS =
      List.of("assign", "start", "complete", "cancel", "verify", "plan");

  private WorkOrderRequests() {}

  /**
   * An open command; without a {@code workOrderId} the id is derived from the command id, so a
   * retry with the same {@code commandId} finds the order it opened.
   */
  static OpenWorkOrder create(JsonObject body, Instant now) {
    String id = optionalString(body, "workOrderId");
    UUID commandId = commandId(body);
    return contract(
        () ->
            new OpenWorkOrder(
                commandId,
                WorkOrderCommand.SCHEMA_VERSION,
                id != null ? id : "WO-" + commandId,
                string(body, "siteId"),
                string(body, "assetId"),
                priority(string(body, "priority")),
                null,
                null,
                string(body, "reason"),
                evidence(body),
                now));
  }

  /**
   * A transition command: {@code verify} gives a {@link VerifyWorkOrder}, {@code plan} a {@link
   * PlanWorkOrder}, the others contract commands.
   */
  static Object transition(JsonObject body, String workOrderId, String assetId, Instant now) {
    String action = string(body, "action");
    UUID commandId = commandId(body);
    int v = WorkOrderCommand.SCHEMA_VERSION;
    return contract(
        () ->
            switch (action) {
              case "assign" ->
                  new AssignWorkOrder(
                      commandId, v, workOrderId, assetId, string(body, "assignee"), now);
              case "start" -> new StartWorkOrder(commandId, v, workOrderId, assetId, now);
              case "complete" ->
                  new CompleteWorkOrder(
                      commandId, v, workOrderId, assetId, optionalString(body, "notes"), now);
              case "cancel" ->
                  new CancelWorkOrder(
                      commandId, v, workOrderId, assetId, string(body, "reason"), now);
              case "verify" ->
                  new VerifyWorkOrder(
                      commandId, workOrderId, optionalString(body, "clearedAlarmId"), now);
              case "plan" ->
                  new PlanWorkOrder(
                      commandId,
                      workOrderId,
                      instant(body, "plannedStart"),
                      instant(body, "plannedEnd"),
                      now);
              default ->
                  throw new BadRequestException("action", "one of " + String.join(", ", ACTIONS));
            });
  }

  /** An ISO-8601 date-time with an offset ({@code Z} or {@code +01:00}); 400 naming the field. */
  static Instant instant(JsonObject body, String field) {
    String text = string(body, field);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          field, "must be an ISO-8601 date-time with offset, for example 2026-11-25T08:00:00Z");
    }
  }

  static CommentWorkOrder comment(JsonObject body, String workOrderId, String author, Instant now) {
    return contract(
        () ->
            new CommentWorkOrder(commandId(body), workOrderId, author, string(body, "text"), now));
  }

  /**
   * The optional {@code evidence} object of a create body: id-like keys, finite numbers; the 400
   * names {@code evidence} for a bad key or the whole value, {@code evidence.<key>} for a bad
   * figure.
   */
  static Map<String, Double> evidence(JsonObject body) {
    Object value = body.getValue("evidence");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject figures)) {
      throw new BadRequestException("evidence", "must be an object of named numbers");
    }
    Map<String, Double> evidence = new TreeMap<>();
    for (Map.Entry<String, Object> entry : figures) {
      if (!Ids.isValid(entry.getKey())) {
        throw new BadRequestException(
            "evidence", "key '" + entry.getKey() + "' is not an id ([A-Za-z0-9][A-Za-z0-9._-]*)");
      }
      String field = "evidence." + entry.getKey();
      if (!(entry.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new BadRequestException(field, "must be a finite number");
      }
      evidence.put(entry.getKey(), n.doubleValue());
    }
    return evidence;
  }

  static OptionalLong expectedVersion(JsonObject body) {
    Object value = body.getValue("expectedVersion");
    if (value == null) {
      return OptionalLong.empty();
    }
    if (!(value instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
      throw new BadRequestException("expectedVersion", "must be a whole number, 1 or more");
    }
    return OptionalLong.of(n.longValue());
  }

  static int pageSize(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(text.strip());
      if (size >= 1 && size <= MAX_PAGE_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("pageSize", "must be a whole number from 1 to " + MAX_PAGE_SIZE);
  }

  static WorkOrderPriority priority(String text) {
    try {
      return WorkOrderPriority.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "priority", "one of " + Arrays.toString(WorkOrderPriority.values()));
    }
  }

  private static UUID commandId(JsonObject body) {
    String text = optionalString(body, "commandId");
    if (text == null) {
      return UUID.randomUUID();
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("commandId", "must be a UUID");
    }
  }

  private static String string(JsonObject body, String field) {
    String value = optionalString(body, field);
    if (value == null) {
      throw new BadRequestException(field, "missing");
    }
    return value;
  }

  private static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new BadRequestException(field, "must be a string");
    }
    return (String) value;
  }

  private static <T> T contract(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ContractViolationException e) {
      throw new BadRequestException(e.field(), e.reason());
    }
  }
}
