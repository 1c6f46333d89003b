package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.scheduling.domain.AlarmClearance;
import io.plantline.scheduling.domain.AlarmClearances;
import java.util.Optional;

/**
 * {@link AlarmClearances} in the clearance columns of {@code work_order_alarms}, next to the work
 * order the event store indexed for the alarm. Writes and reads at QUORUM, so a clearance recorded
 * before a completion is seen by it.
 */
public final class CassandraAlarmClearances implements AlarmClearances {

  private final CqlSession session;
  private final PreparedStatement record;
  private final PreparedStatement find;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraAlarmClearances(CqlSession session, String keyspace) {
    this.session = session;
    String table = WorkOrderSchema.requireKeyspace(keyspace) + ".work_order_alarms";
    record =
        session.prepare(
            "UPDATE " + table + " SET cleared_event_id = ?, cleared_at = ? WHERE alarm_id = ?");
    find =
        session.prepare(
            "SELECT cleared_event_id, cleared_at FROM " + table + " WHERE alarm_id = ?");
  }

  @Override
  public void record(AlarmClearance clearance) {
    session.execute(
        record
            .bind(clearance.alarmEventId(), clearance.clearedAt(), clearance.alarmId())
            .setConsistencyLevel(ConsistencyLevel.QUORUM));
  }

  @Override
  public Optional<AlarmClearance> find(String alarmId) {
    Row row =
        session.execute(find.bind(alarmId).setConsistencyLevel(ConsistencyLevel.QUORUM)).one();
    if (row == null || row.isNull(0) || row.isNull(1)) {
      return Optional.empty();
    }
    return Optional.of(new AlarmClearance(alarmId, row.getUuid(0), row.getInstant(1)));
  }
}
