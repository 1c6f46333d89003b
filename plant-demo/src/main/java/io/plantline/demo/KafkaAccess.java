package io.plantline.demo;

import io.plantline.contracts.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The demo's Kafka principals, one per component that talks to Kafka (the principal is the
 * component's name), and what each may do. The secured broker allows nothing without an ACL, so a
 * component reaches only the topics, consumer groups and transactional ids listed here: the bridge
 * cannot read telemetry back, the console cannot read raw telemetry nor write work orders, a
 * business service cannot write another's events.
 */
final class KafkaAccess {
  private KafkaAccess() {}

  /**
   * One principal's grants.
   *
   * @param name the principal (the demo component's name)
   * @param reads topics it consumes
   * @param writes topics it produces to (idempotent producers need no more since Kafka 3)
   * @param groupPrefix prefix of its consumer groups, or null if it consumes nothing
   * @param transactionalIdPrefix prefix of its transactional ids, or null if it has none
   */
  record Principal(
      String name,
      List<String> reads,
      List<String> writes,
      String groupPrefix,
      String transactionalIdPrefix) {}

  static final List<Principal> PRINCIPALS =
      List.of(
          new Principal(
              "bridge",
              List.of(),
              List.of(Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS, Topics.TELEMETRY_DLQ),
              null,
              null),
          new Principal(
              "writers",
              List.of(Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS),
              List.of(Topics.TELEMETRY_DLQ),
              "plantline-ingestion-",
              null),
          new Principal(
              "anomaly-job",
              List.of(Topics.TELEMETRY_RAW, Topics.ALARM_COMMANDS),
              List.of(Topics.ALARMS, Topics.WORK_ORDER_COMMANDS, Topics.TELEMETRY_DLQ),
              "plantline-stream-processing",
              "plantline-stream-processing"),
          new Principal(
              "scheduling",
              List.of(Topics.WORK_ORDER_COMMANDS, Topics.ALARMS, Topics.WORK_ORDER_EVENTS),
              List.of(Topics.WORK_ORDER_EVENTS),
              "plantline-scheduling",
              null),
          new Principal(
              "quality",
              List.of(Topics.TELEMETRY_RAW),
              List.of(Topics.QUALITY_EVENTS, Topics.ALARMS, Topics.WORK_ORDER_COMMANDS),
              "plantline-quality",
              null),
          new Principal(
              "energy",
              List.of(Topics.TELEMETRY_RAW),
              List.of(Topics.ENERGY_EVENTS, Topics.ALARMS),
              "plantline-energy",
              null),
          new Principal(
              "console",
              List.of(Topics.ALARMS, Topics.DEVICE_STATUS, Topics.WORK_ORDER_EVENTS),
              List.of(Topics.ALARM_COMMANDS),
              "plantline-console-",
              null));

  /** The principal named {@code name}. */
  static Principal of(String name) {
    return PRINCIPALS.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + name));
  }

  /** Every grant of every principal, as ACL bindings. */
  static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (Principal p : PRINCIPALS) {
      for (String topic : p.reads()) {
        acls.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
      }
      for (String topic : p.writes()) {
        acls.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
      }
      if (p.groupPrefix() != null) {
        acls.add(
            allow(p, ResourceType.GROUP, p.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
      }
      if (p.transactionalIdPrefix() != null) {
        acls.add(
            allow(
                p,
                ResourceType.TRANSACTIONAL_ID,
                p.transactionalIdPrefix(),
                PatternType.PREFIXED,
                AclOperation.WRITE));
      }
    }
    return acls;
  }

  private static AclBinding allow(
      Principal p, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + p.name(), "*", operation, AclPermissionType.ALLOW));
  }
}
