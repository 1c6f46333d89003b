package io.plantline.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.cassandra.CassandraServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's Cassandra roles: one login role per service, with permissions on its own keyspace
 * only. The keyspaces and roles are created (as the node's administrative role) before the services
 * start; each role's password is generated into the demo's secrets. The query API may only read the
 * history: it waits for the writers to create the tables, because in Cassandra the role that
 * creates a table is granted everything on it.
 */
final class CassandraRoles {
  /**
   * A role's grant.
   *
   * @param component the demo component that logs in with it
   * @param role the Cassandra role
   * @param keyspace its keyspace
   * @param permissions what it may do there
   */
  record Grant(String component, String role, String keyspace, List<String> permissions) {}

  static final List<Grant> GRANTS =
      List.of(
          new Grant(
              "writers", "plantline_writers", "plantline_history", List.of("ALL PERMISSIONS")),
          new Grant("query-api", "plantline_query", "plantline_history", List.of("SELECT")),
          new Grant(
              "scheduling",
              "plantline_scheduling",
              "plantline_workorders",
              List.of("ALL PERMISSIONS")),
          new Grant(
              "quality", "plantline_quality", "plantline_quality", List.of("ALL PERMISSIONS")),
          new Grant("energy", "plantline_energy", "plantline_energy", List.of("ALL PERMISSIONS")));

  private CassandraRoles() {}

  /** The grant of {@code component}. */
  static Grant of(String component) {
    return GRANTS.stream()
        .filter(g -> g.component().equals(component))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Cassandra role for " + component));
  }

  /** Creates the keyspaces, the roles (or sets their passwords again) and the grants. */
  static void ensure(CassandraServer cassandra, DemoSecrets secrets) {
    List<String> cql = new ArrayList<>();
    Set<String> keyspaces = new LinkedHashSet<>();
    GRANTS.forEach(g -> keyspaces.add(g.keyspace()));
    for (String keyspace : keyspaces) {
      cql.add(
          "CREATE KEYSPACE IF NOT EXISTS "
              + keyspace
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
    for (Grant g : GRANTS) {
      Credentials login = secrets.cassandraLogin(g.role());
      String password = login.password().replace("'", "''");
      cql.add(
          "CREATE ROLE IF NOT EXISTS "
              + g.role()
              + " WITH PASSWORD = '"
              + password
              + "' AND LOGIN = true");
      cql.add("ALTER ROLE " + g.role() + " WITH PASSWORD = '" + password + "'");
      for (String permission : g.permissions()) {
        cql.add("GRANT " + permission + " ON KEYSPACE " + g.keyspace() + " TO " + g.role());
      }
    }
    try (CqlSession session = cassandra.openSession()) {
      for (String statement : cql) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(30)));
      }
    }
  }
}
