package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.AlarmView;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCancelled;
import io.plantline.contracts.workorder.WorkOrderCommented;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.vertx.core.json.JsonObject;

/** JSON of alarms and of the live events. */
final class AlarmJson {
  private AlarmJson() {}

  static JsonObject alarm(AlarmView a) {
    JsonObject evidence = new JsonObject();
    a.evidence().forEach(evidence::put);
    JsonObject json =
        new JsonObject()
            .put("alarmId", a.alarmId())
            .put("deviceId", a.deviceId())
            .put("siteId", a.siteId())
            .put("areaId", a.areaId())
            .put("ruleId", a.ruleId())
            .put("severity", a.severity().name())
            .put("state", a.state().name())
            .put("acknowledged", a.acknowledged())
            .put("raisedAt", a.raisedAt().toString())
            .put("updatedAt", a.updatedAt().toString())
            .put("message", a.message())
            .put("lastMessage", a.lastMessage())
            .put("evidence", evidence);
    if (a.workOrderId() != null) {
      json.put("workOrderId", a.workOrderId());
    }
    return json;
  }

  static JsonObject deviceStatus(DeviceStatus s) {
    JsonObject json =
        new JsonObject()
            .put("deviceId", s.deviceId())
            .put("siteId", s.siteId())
            .put("areaId", s.areaId())
            .put("state", s.state().name())
            .put("bootEpoch", s.bootEpoch())
            .put("occurredAt", s.occurredAt().toString());
    if (s.reason() != null) {
      json.put("reason", s.reason());
    }
    return json;
  }

  static JsonObject workOrder(WorkOrderEvent e, String siteId) {
    JsonObject json =
        new JsonObject()
            .put("type", e.getClass().getSimpleName())
            .put("workOrderId", e.workOrderId())
            .put("assetId", e.assetId())
            .put("version", e.version())
            .put("occurredAt", e.occurredAt().toString());
    if (siteId != null) {
      json.put("siteId", siteId);
    }
    if (e instanceof WorkOrderOpened o) {
      json.put("priority", o.priority().name()).put("reason", o.reason());
      if (o.alarmId() != null) {
        json.put("alarmId", o.alarmId()).put("ruleId", o.ruleId());
      }
    } else if (e instanceof WorkOrderOccurrenceAttached o) {
      json.put("alarmId", o.alarmId()).put("occurrences", o.occurrences());
    } else if (e instanceof WorkOrderAssigned o) {
      json.put("assignee", o.assignee());
    } else if (e instanceof WorkOrderCommented o) {
      json.put("author", o.author());
    } else if (e instanceof WorkOrderCancelled o) {
      json.put("reason", o.reason());
    }
    return json;
  }
}
