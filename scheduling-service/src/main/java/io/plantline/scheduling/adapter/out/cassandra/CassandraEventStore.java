package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.domain.WorkOrderEventStore;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store in Cassandra. An append first marks the versions in the outbox (a plain write; a
 * mark whose append then loses is harmless), then inserts the events in one single-partition
 * conditional batch {@code IF NOT EXISTS}: if any version exists, nothing is written and the append
 * reports a conflict. Reads and appends use SERIAL consistency for the condition and QUORUM for the
 * data and reads, so a read after a successful append sees it.
 */
public final class CassandraEventStore implements WorkOrderEventStore {

  private final CqlSession session;
  private final PreparedStatement load;
  private final PreparedStatement insert;
  private final PreparedStatement mark;
  private final PreparedStatement recordCommand;
  private final PreparedStatement commandTarget;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraEventStore(CqlSession session, String keyspace) {
    this.session = session;
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    load =
        session.prepare("SELECT payload FROM " + ks + "work_order_events WHERE work_order_id = ?");
    insert =
        session.prepare(
            "INSERT INTO "
                + ks
                + "work_order_events (work_order_id, version, event_id, event_type, payload)"
                + " VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
    mark =
        session.prepare(
            "INSERT INTO "
                + ks
                + "work_order_outbox (bucket, work_order_id, version, marked_at) VALUES (?, ?, ?, ?)");
    recordCommand =
        session.prepare(
            "INSERT INTO " + ks + "work_order_commands (command_id, work_order_id) VALUES (?, ?)");
    commandTarget =
        session.prepare(
            "SELECT work_order_id FROM " + ks + "work_order_commands WHERE command_id = ?");
  }

  @Override
  public List<WorkOrderEvent> load(String workOrderId) {
    List<WorkOrderEvent> events = new ArrayList<>();
    for (Row row :
        session.execute(load.bind(workOrderId).setConsistencyLevel(ConsistencyLevel.QUORUM))) {
      events.add(decode(row.getByteBuffer(0)));
    }
    return events;
  }

  @Override
  public boolean append(String workOrderId, long expectedVersion, List<WorkOrderEvent> events) {
    Instant now = Instant.now();
    int bucket = WorkOrderSchema.bucket(workOrderId);
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
    long version = expectedVersion;
    for (WorkOrderEvent event : events) {
      version++;
      if (event.version() != version || !event.workOrderId().equals(workOrderId)) {
        throw new IllegalArgumentException(
            "event " + event.eventId() + " is not version " + version + " of " + workOrderId);
      }
      session.execute(mark.bind(bucket, workOrderId, version, now));
      batch.addStatement(
          insert.bind(
              workOrderId,
              version,
              event.eventId(),
              event.getClass().getSimpleName(),
              ByteBuffer.wrap(Codecs.WORK_ORDER_EVENT.encode(event))));
    }
    BatchStatement statement =
        batch
            .setConsistencyLevel(ConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
            .build();
    return session.execute(statement).wasApplied();
  }

  @Override
  public void recordCommand(UUID commandId, String workOrderId) {
    session.execute(recordCommand.bind(commandId, workOrderId));
  }

  @Override
  public Optional<String> commandTarget(UUID commandId) {
    Row row = session.execute(commandTarget.bind(commandId)).one();
    return row == null ? Optional.empty() : Optional.of(row.getString(0));
  }

  static WorkOrderEvent decode(ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return Codecs.WORK_ORDER_EVENT.decode(bytes);
  }
}
