package io.plantline.demo;

import io.plantline.contracts.topic.KafkaGrants;
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
 * The demo's Kafka principals: one per component that talks to Kafka, named like the component,
 * with the ACLs of its {@link KafkaGrants} grant. The secured broker allows nothing else.
 */
final class KafkaAccess {
  private KafkaAccess() {}

  /** The principal (user name) of {@code component}. */
  static String principal(String component) {
    return KafkaGrants.of(component).component();
  }

  /** Every grant of every component, as ACL bindings. */
  static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (KafkaGrants.Grant g : KafkaGrants.COMPONENTS) {
      for (String topic : g.reads()) {
        acls.add(allow(g, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
      }
      for (String topic : g.writes()) {
        acls.add(allow(g, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
      }
      if (g.groupPrefix() != null) {
        acls.add(
            allow(g, ResourceType.GROUP, g.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
      }
      if (g.transactionalIdPrefix() != null) {
        acls.add(
            allow(
                g,
                ResourceType.TRANSACTIONAL_ID,
                g.transactionalIdPrefix(),
                PatternType.PREFIXED,
                AclOperation.WRITE));
      }
    }
    return acls;
  }

  private static AclBinding allow(
      KafkaGrants.Grant g, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + g.component(), "*", op, AclPermissionType.ALLOW));
  }
}
