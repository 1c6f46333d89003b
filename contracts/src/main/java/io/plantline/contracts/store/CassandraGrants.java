package io.plantline.contracts.store;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What each Plantline component may do in Cassandra: one login role per component, with permissions
 * on its own keyspace only. The demo creates exactly these roles, and so does the Kubernetes Job
 * {@code cassandra-roles} ({@code CassandraRolesMain}); the manifests' test checks that each
 * service logs in with its role, never the superuser. The query API may only read the history: in
 * Cassandra the role that creates a table is granted everything on it, so the writers create the
 * tables.
 */
public final class CassandraGrants {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  private CassandraGrants() {}

  /**
   * One component's role.
   *
   * @param component the component that logs in with it (the demo's name for it)
   * @param role the Cassandra role, a lower-case CQL identifier
   * @param keyspace its keyspace
   * @param permissions what it may do there, CQL permission names
   */
  public record Grant(String component, String role, String keyspace, List<String> permissions) {
    public Grant {
      Objects.requireNonNull(component, "component");
      if (!NAME.matcher(role).matches() || !NAME.matcher(keyspace).matches()) {
        throw new IllegalArgumentException("role and keyspace must be CQL identifiers");
      }
      permissions = List.copyOf(permissions);
    }
  }

  /** Every component that uses Cassandra. */
  public static final List<Grant> COMPONENTS =
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

  /** The grant of {@code component}. */
  public static Grant of(String component) {
    return COMPONENTS.stream()
        .filter(g -> g.component().equals(component))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Cassandra role for " + component));
  }

  /**
   * The CQL that creates the keyspaces ({@code replication} is the map literal, e.g. {@code
   * {'class': 'NetworkTopologyStrategy', 'dc1': 3}}), the roles with their passwords (and sets them
   * again, for a rotation) and the grants, in order; idempotent.
   *
   * @param password the password of each role, by role name
   */
  public static List<String> statements(
      String replication, java.util.function.Function<String, String> password) {
    List<String> cql = new java.util.ArrayList<>();
    COMPONENTS.stream()
        .map(Grant::keyspace)
        .distinct()
        .forEach(
            keyspace ->
                cql.add(
                    "CREATE KEYSPACE IF NOT EXISTS "
                        + keyspace
                        + " WITH replication = "
                        + replication));
    for (Grant g : COMPONENTS) {
      String quoted = password.apply(g.role()).replace("'", "''");
      cql.add(
          "CREATE ROLE IF NOT EXISTS "
              + g.role()
              + " WITH PASSWORD = '"
              + quoted
              + "' AND LOGIN = true");
      cql.add("ALTER ROLE " + g.role() + " WITH PASSWORD = '" + quoted + "'");
      for (String permission : g.permissions()) {
        cql.add("GRANT " + permission + " ON KEYSPACE " + g.keyspace() + " TO " + g.role());
      }
    }
    return cql;
  }
}
