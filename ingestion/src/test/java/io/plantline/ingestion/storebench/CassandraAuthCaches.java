package io.plantline.ingestion.storebench;

import com.sun.tools.attach.VirtualMachine;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Turns on the auth caches of the bench's own forked Cassandra through local JMX. The testkit's
 * node disables them ({@code roles_validity: 0ms} and friends, so that password changes apply at
 * once); then every CQL statement reads {@code system_auth} again, which dominates Cassandra's CPU
 * under a write load. The bench measures the writers, so it gives its node the caches a production
 * node has.
 */
final class CassandraAuthCaches {
  private static final List<String> CACHES =
      List.of("RolesCache", "PermissionsCache", "CredentialsCache", "NetworkPermissionsCache");

  private CassandraAuthCaches() {}

  /**
   * Sets the validity of every auth cache of the Cassandra process {@code pid}; returns how many.
   */
  static int enable(long pid, int validityMillis) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    int set = 0;
    try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = jmx.getMBeanServerConnection();
      for (String cache : CACHES) {
        ObjectName name = new ObjectName("org.apache.cassandra.auth:type=" + cache);
        if (server.isRegistered(name)) {
          server.setAttribute(name, new Attribute("Validity", validityMillis));
          server.setAttribute(name, new Attribute("UpdateInterval", validityMillis));
          set++;
        }
      }
    }
    return set;
  }
}
