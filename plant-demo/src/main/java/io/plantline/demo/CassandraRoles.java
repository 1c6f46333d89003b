package io.plantline.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.plantline.contracts.store.CassandraGrants;
import io.plantline.testkit.cassandra.CassandraServer;
import java.time.Duration;

/**
 * The demo's Cassandra roles: one login role per service with permissions on its own keyspace only
 * ({@link CassandraGrants}, the same the Kubernetes Job applies). The keyspaces and roles are
 * created (as the node's administrative role) before the services start; each role's password is
 * generated into the demo's secrets.
 */
final class CassandraRoles {
  private CassandraRoles() {}

  /** Creates the keyspaces, the roles (or sets their passwords again) and the grants. */
  static void ensure(CassandraServer cassandra, DemoSecrets secrets) {
    try (CqlSession session = cassandra.openSession()) {
      for (String statement :
          CassandraGrants.statements(
              "{'class': 'SimpleStrategy', 'replication_factor': 1}",
              role -> secrets.cassandraLogin(role).password())) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(30)));
      }
    }
  }
}
