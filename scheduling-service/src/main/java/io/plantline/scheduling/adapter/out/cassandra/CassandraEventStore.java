package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.scheduling.domain.WorkOrderEventStore;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The event store in Cassandra. An append first marks the versions in the outbox and indexes the
 * alarm ids the events name in {@code work_order_alarms} (plain writes, sent together; a mark or
 * index entry whose append then loses is harmless), then inserts the events in one single-partition
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
  private final PreparedStatement linkAlarm;
  private final PreparedStatement alarmTarget;

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
    linkAlarm =
        session.prepare(
            "UPDATE " + ks + "work_order_alarms SET work_order_id = ? WHERE alarm_id = ?");
    alarmTarget =
        session.prepare("SELECT work_order_id FROM " + ks + "work_order_alarms WHERE alarm_id = ?");
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
    List<CompletableFuture<?>> before = new ArrayList<>();
    long version = expectedVersion;
    for (WorkOrderEvent event : events) {
      version++;
      if (event.version() != version || !event.workOrderId().equals(workOrderId)) {
        throw new IllegalArgumentException(
            "event " + event.eventId() + " is not version " + version + " of " + workOrderId);
      }
      before.add(write(mark.bind(bucket, workOrderId, version, now)));
      String alarmId = alarmId(event);
      if (alarmId != null) {
        before.add(write(linkAlarm.bind(workOrderId, alarmId)));
      }
      batch.addStatement(
          insert.bind(
              workOrderId,
              version,
              event.eventId(),
              event.getClass().getSimpleName(),
              ByteBuffer.wrap(Codecs.WORK_ORDER_EVENT.encode(event))));
    }
    await(before);
    BatchStatement statement =
        batch
            .setConsistencyLevel(ConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
            .build();
    return session.execute(statement).wasApplied();
  }

  @Override
  public Optional<String> workOrderOfAlarm(String alarmId) {
    Row row =
        session
            .execute(alarmTarget.bind(alarmId).setConsistencyLevel(ConsistencyLevel.QUORUM))
            .one();
    return row == null || row.isNull(0) ? Optional.empty() : Optional.of(row.getString(0));
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

  /** The alarm an event ties to its work order: the causing or an attached occurrence. */
  private static String alarmId(WorkOrderEvent event) {
    if (event instanceof WorkOrderOpened opened) {
      return opened.alarmId();
    }
    return event instanceof WorkOrderOccurrenceAttached attached ? attached.alarmId() : null;
  }

  private CompletableFuture<?> write(BoundStatement statement) {
    return session
        .executeAsync(statement.setConsistencyLevel(ConsistencyLevel.QUORUM))
        .toCompletableFuture();
  }

  private static void await(List<CompletableFuture<?>> writes) {
    try {
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  static WorkOrderEvent decode(ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return Codecs.WORK_ORDER_EVENT.decode(bytes);
  }
}
