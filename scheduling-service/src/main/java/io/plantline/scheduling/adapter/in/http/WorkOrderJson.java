package io.plantline.scheduling.adapter.in.http;

import io.plantline.scheduling.adapter.out.cassandra.CassandraWorkOrderQueries;
import io.plantline.scheduling.domain.WorkOrderState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/** JSON bodies of the REST API; absent values are left out. */
final class WorkOrderJson {

  private WorkOrderJson() {}

  static JsonObject state(WorkOrderState s) {
    JsonArray notes = new JsonArray();
    s.notes()
        .forEach(
            n ->
                notes.add(
                    new JsonObject()
                        .put("author", n.author())
                        .put("text", n.text())
                        .put("at", n.at().toString())));
    JsonObject json =
        new JsonObject()
            .put("workOrderId", s.workOrderId())
            .put("siteId", s.siteId())
            .put("assetId", s.assetId())
            .put("priority", s.priority().name())
            .put("status", s.status().name())
            .put("version", s.version())
            .put("reason", s.reason())
            .put("occurrences", s.occurrences())
            .put("alarmIds", new JsonArray(s.alarmIds()))
            .put("evidence", evidence(s.evidence()))
            .put("notes", notes);
    put(json, "ruleId", s.ruleId());
    put(json, "assignee", s.assignee());
    put(json, "openedAt", s.openedAt());
    put(json, "lastSeen", s.lastSeen());
    put(json, "startedAt", s.startedAt());
    put(json, "completedAt", s.completedAt());
    put(json, "closedAt", s.closedAt());
    put(json, "completionNotes", s.completionNotes());
    put(json, "cancelReason", s.cancelReason());
    put(json, "plannedStart", s.plannedStart());
    put(json, "plannedEnd", s.plannedEnd());
    return json;
  }

  static JsonObject page(CassandraWorkOrderQueries.Page page) {
    JsonArray items = new JsonArray();
    for (CassandraWorkOrderQueries.Summary s : page.items()) {
      JsonObject item =
          new JsonObject()
              .put("workOrderId", s.workOrderId())
              .put("siteId", s.siteId())
              .put("assetId", s.assetId())
              .put("priority", s.priority())
              .put("status", s.status())
              .put("occurrences", s.occurrences())
              .put("version", s.version())
              .put("evidence", evidence(s.evidence()));
      put(item, "assignee", s.assignee());
      put(item, "openedAt", s.openedAt());
      put(item, "lastSeen", s.lastSeen());
      put(item, "plannedStart", s.plannedStart());
      put(item, "plannedEnd", s.plannedEnd());
      items.add(item);
    }
    JsonObject json = new JsonObject().put("items", items);
    put(json, "nextPageToken", page.nextPageToken());
    return json;
  }

  static JsonObject reliability(CassandraWorkOrderQueries.AssetReliability r) {
    JsonObject json =
        new JsonObject()
            .put("assetId", r.assetId())
            .put("failures", r.failures())
            .put("repairs", r.repairs());
    put(json, "mtbfSeconds", r.mtbfSeconds());
    put(json, "mttrSeconds", r.mttrSeconds());
    return json;
  }

  static JsonObject result(String workOrderId, Long version, boolean duplicate) {
    JsonObject json = new JsonObject().put("workOrderId", workOrderId);
    put(json, "version", version);
    if (duplicate) {
      json.put("duplicate", true);
    }
    return json;
  }

  private static JsonObject evidence(Map<String, Double> figures) {
    JsonObject json = new JsonObject();
    figures.forEach(json::put);
    return json;
  }

  private static void put(JsonObject json, String key, Object value) {
    if (value instanceof Instant t) {
      json.put(key, t.toString());
    } else if (value != null) {
      json.put(key, value);
    }
  }
}
