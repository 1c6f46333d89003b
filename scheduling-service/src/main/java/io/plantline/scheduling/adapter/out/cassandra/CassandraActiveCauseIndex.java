package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import io.plantline.scheduling.domain.ActiveCauseIndex;
import java.util.Optional;

/**
 * {@link ActiveCauseIndex} on {@code active_order_by_cause}, every change a lightweight
 * transaction.
 */
public final class CassandraActiveCauseIndex implements ActiveCauseIndex {

  private final CqlSession session;
  private final PreparedStatement claim;
  private final PreparedStatement replace;
  private final PreparedStatement release;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraActiveCauseIndex(CqlSession session, String keyspace) {
    this.session = session;
    String table = WorkOrderSchema.requireKeyspace(keyspace) + ".active_order_by_cause";
    claim =
        session.prepare(
            "INSERT INTO "
                + table
                + " (asset_id, rule_id, work_order_id) VALUES (?, ?, ?)"
                + " IF NOT EXISTS");
    replace =
        session.prepare(
            "UPDATE "
                + table
                + " SET work_order_id = ? WHERE asset_id = ? AND rule_id = ?"
                + " IF work_order_id = ?");
    release =
        session.prepare(
            "DELETE FROM " + table + " WHERE asset_id = ? AND rule_id = ? IF work_order_id = ?");
  }

  @Override
  public Optional<String> claim(String assetId, String ruleId, String workOrderId) {
    ResultSet rs =
        session.execute(
            claim.bind(assetId, ruleId, workOrderId).setConsistencyLevel(ConsistencyLevel.QUORUM));
    if (rs.wasApplied()) {
      return Optional.empty();
    }
    String holder = rs.one().getString("work_order_id");
    return workOrderId.equals(holder) ? Optional.empty() : Optional.ofNullable(holder);
  }

  @Override
  public boolean replace(String assetId, String ruleId, String staleHolder, String workOrderId) {
    return session.execute(replace.bind(workOrderId, assetId, ruleId, staleHolder)).wasApplied();
  }

  @Override
  public void release(String assetId, String ruleId, String workOrderId) {
    session.execute(release.bind(assetId, ruleId, workOrderId));
  }
}
