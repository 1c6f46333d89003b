package io.plantline.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;

/**
 * Runs a service's schema statements so that the service can run under a role that owns only its
 * keyspace: {@code CREATE KEYSPACE IF NOT EXISTS} needs {@code CREATE ON ALL KEYSPACES} even when
 * the keyspace exists, so it is skipped when the driver's metadata already has the keyspace (an
 * operator created it and granted the service's role its permissions on it).
 */
public final class SchemaStatements {
  private SchemaStatements() {}

  /** Executes {@code statements} in order, skipping the keyspace's creation when it exists. */
  public static void apply(CqlSession session, String keyspace, List<String> statements) {
    boolean exists = session.getMetadata().getKeyspace(keyspace).isPresent();
    for (String cql : statements) {
      if (exists
          && cql.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE KEYSPACE")) {
        continue;
      }
      session.execute(cql);
    }
  }
}
