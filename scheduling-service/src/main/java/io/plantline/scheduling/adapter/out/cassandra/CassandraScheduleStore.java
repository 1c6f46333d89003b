package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.scheduling.adapter.json.ProductionScheduleJson;
import io.plantline.scheduling.domain.production.ProductionRequest;
import io.plantline.scheduling.domain.production.ScheduleStatus;
import io.plantline.scheduling.domain.production.ScheduleStore;
import io.plantline.scheduling.domain.production.ScheduleVersion;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ScheduleStore} in Cassandra.
 *
 * <ul>
 *   <li>{@code production_schedule_versions}: one partition per schedule, newest version first;
 *       request, disruption and result as JSON text. New versions are inserted with a lightweight
 *       transaction, which is what makes two concurrent re-plans pick different numbers.
 *   <li>{@code production_schedules_by_machine}: which schedules use a machine (for re-planning
 *       when maintenance is planned on it).
 *   <li>{@code production_schedule_index}: every schedule, newest first (lists, and restart
 *       recovery of queued versions).
 * </ul>
 */
public final class CassandraScheduleStore implements ScheduleStore {
  private static final int INDEX_BUCKET = 0;

  private final CqlSession session;
  private final PreparedStatement insertVersion;
  private final PreparedStatement updateVersion;
  private final PreparedStatement selectVersions;
  private final PreparedStatement insertByMachine;
  private final PreparedStatement selectByMachine;
  private final PreparedStatement insertIndex;
  private final PreparedStatement selectIndex;

  /** Prepares the statements; the tables must exist ({@link #statements}). */
  public CassandraScheduleStore(CqlSession session, String keyspace) {
    this.session = session;
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    insertVersion =
        session.prepare(
            "INSERT INTO "
                + ks
                + "production_schedule_versions (schedule_id, version, status, request, disruption,"
                + " result, error, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    updateVersion =
        session.prepare(
            "UPDATE "
                + ks
                + "production_schedule_versions SET status = ?, result = ?, error = ?, finished_at = ?"
                + " WHERE schedule_id = ? AND version = ? IF EXISTS");
    selectVersions =
        session.prepare(
            "SELECT schedule_id, version, status, request, disruption, result, error, created_at, finished_at FROM "
                + ks
                + "production_schedule_versions WHERE schedule_id = ?");
    insertByMachine =
        session.prepare(
            "INSERT INTO "
                + ks
                + "production_schedules_by_machine (machine_id, schedule_id) VALUES (?, ?)");
    selectByMachine =
        session.prepare(
            "SELECT schedule_id FROM "
                + ks
                + "production_schedules_by_machine WHERE machine_id = ?");
    insertIndex =
        session.prepare(
            "INSERT INTO "
                + ks
                + "production_schedule_index (bucket, created_at, schedule_id) VALUES (?, ?, ?)");
    selectIndex =
        session.prepare(
            "SELECT schedule_id FROM " + ks + "production_schedule_index WHERE bucket = ? LIMIT ?");
  }

  /** The CQL of the tables, idempotent. */
  public static List<String> statements(String keyspace) {
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "production_schedule_versions (schedule_id text, version int,"
            + " status text, request text, disruption text, result text, error text, created_at timestamp,"
            + " finished_at timestamp, PRIMARY KEY (schedule_id, version)) WITH CLUSTERING ORDER BY (version DESC)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "production_schedules_by_machine (machine_id text, schedule_id text,"
            + " PRIMARY KEY (machine_id, schedule_id))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "production_schedule_index (bucket int, created_at timestamp,"
            + " schedule_id text, PRIMARY KEY (bucket, created_at, schedule_id))"
            + " WITH CLUSTERING ORDER BY (created_at DESC, schedule_id ASC)");
  }

  /** Creates the tables in an existing keyspace. */
  public static void create(CqlSession session, String keyspace) {
    statements(keyspace).forEach(session::execute);
  }

  @Override
  public boolean insert(ScheduleVersion v) {
    if (v.version() == 1) {
      // Index rows first: a version that exists is always findable (a retry rewrites them).
      for (ProductionRequest.Machine machine : v.request().machines()) {
        session.execute(insertByMachine.bind(machine.id(), v.scheduleId()));
      }
      session.execute(insertIndex.bind(INDEX_BUCKET, v.createdAt(), v.scheduleId()));
    }
    return session
        .execute(
            insertVersion
                .bind(
                    v.scheduleId(),
                    v.version(),
                    v.status().name(),
                    ProductionScheduleJson.request(v.request()).encode(),
                    v.disruption() == null
                        ? null
                        : ProductionScheduleJson.disruption(v.disruption()).encode(),
                    v.result() == null ? null : ProductionScheduleJson.result(v.result()).encode(),
                    v.error(),
                    v.createdAt(),
                    v.finishedAt())
                .setConsistencyLevel(ConsistencyLevel.QUORUM))
        .wasApplied();
  }

  @Override
  public void update(ScheduleVersion v) {
    session.execute(
        updateVersion.bind(
            v.status().name(),
            v.result() == null ? null : ProductionScheduleJson.result(v.result()).encode(),
            v.error(),
            v.finishedAt(),
            v.scheduleId(),
            v.version()));
  }

  @Override
  public List<ScheduleVersion> versions(String scheduleId) {
    List<ScheduleVersion> versions = new ArrayList<>();
    for (Row row :
        session.execute(
            selectVersions.bind(scheduleId).setConsistencyLevel(ConsistencyLevel.SERIAL))) {
      String disruption = row.getString("disruption");
      String result = row.getString("result");
      versions.add(
          new ScheduleVersion(
              row.getString("schedule_id"),
              row.getInt("version"),
              ScheduleStatus.valueOf(row.getString("status")),
              ProductionScheduleJson.request(new JsonObject(row.getString("request"))),
              disruption == null
                  ? null
                  : ProductionScheduleJson.storedDisruption(new JsonObject(disruption)),
              result == null ? null : ProductionScheduleJson.result(new JsonObject(result)),
              row.getString("error"),
              row.getInstant("created_at"),
              row.getInstant("finished_at")));
    }
    return versions;
  }

  @Override
  public List<String> schedulesUsing(String machineId) {
    List<String> ids = new ArrayList<>();
    for (Row row : session.execute(selectByMachine.bind(machineId))) {
      ids.add(row.getString("schedule_id"));
    }
    return ids;
  }

  @Override
  public List<String> recent(int limit) {
    List<String> ids = new ArrayList<>();
    for (Row row : session.execute(selectIndex.bind(INDEX_BUCKET, limit))) {
      ids.add(row.getString("schedule_id"));
    }
    return ids;
  }
}
