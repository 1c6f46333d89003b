package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.workorder.WorkOrderEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The publisher's view of the event store: outbox marks and stored events. A mark (bucket, work
 * order, version) is written before the version is appended and removed once it is on Kafka, so the
 * marks of a stream are exactly its versions not yet known to be published (plus marks of appends
 * that lost or never happened).
 */
public final class CassandraOutbox {

  /** Most events a stream may hold (one page). */
  static final int MAX_STREAM = 5000;

  /**
   * An outbox mark: version {@code version} of {@code workOrderId} was (about to be) appended.
   *
   * @param workOrderId the work order
   * @param version the appended version
   * @param markedAt when the append began
   */
  public record Mark(String workOrderId, long version, Instant markedAt) {}

  private final CqlSession session;
  private final PreparedStatement marks;
  private final PreparedStatement marksOf;
  private final PreparedStatement eventsAfter;
  private final PreparedStatement deleteMark;
  private final PreparedStatement deleteMarksThrough;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraOutbox(CqlSession session, String keyspace) {
    this.session = session;
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    marks =
        session.prepare(
            "SELECT work_order_id, version, marked_at FROM "
                + ks
                + "work_order_outbox WHERE bucket = ?");
    marksOf =
        session.prepare(
            "SELECT work_order_id, version, marked_at FROM "
                + ks
                + "work_order_outbox WHERE bucket = ? AND work_order_id = ?");
    eventsAfter =
        session.prepare(
            "SELECT payload FROM "
                + ks
                + "work_order_events WHERE work_order_id = ? AND version > ?");
    deleteMark =
        session.prepare(
            "DELETE FROM "
                + ks
                + "work_order_outbox WHERE bucket = ? AND work_order_id = ? AND version = ?");
    deleteMarksThrough =
        session.prepare(
            "DELETE FROM "
                + ks
                + "work_order_outbox WHERE bucket = ? AND work_order_id = ? AND version <= ?");
  }

  /** The marks of one bucket, grouped by work order and in version order. */
  public List<Mark> marks(int bucket) {
    List<Mark> result = new ArrayList<>();
    for (Row row : session.execute(marks.bind(bucket))) {
      result.add(new Mark(row.getString(0), row.getLong(1), row.getInstant(2)));
    }
    return result;
  }

  /** The marks of one work order, in version order, without blocking. */
  public CompletionStage<List<Mark>> marksOfAsync(String workOrderId) {
    return session
        .executeAsync(marksOf.bind(WorkOrderSchema.bucket(workOrderId), workOrderId))
        .thenApply(
            rs -> {
              List<Mark> result = new ArrayList<>();
              for (Row row : rs.currentPage()) {
                result.add(new Mark(row.getString(0), row.getLong(1), row.getInstant(2)));
              }
              return result;
            });
  }

  /** Stored events of the work order after {@code version}, in order. */
  public List<WorkOrderEvent> eventsAfter(String workOrderId, long version) {
    return events(
        session.execute(eventsAfter.bind(workOrderId, version).setPageSize(MAX_STREAM)).all(),
        workOrderId);
  }

  /** Like {@link #eventsAfter}, without blocking. */
  public CompletionStage<List<WorkOrderEvent>> eventsAfterAsync(String workOrderId, long version) {
    return session
        .executeAsync(eventsAfter.bind(workOrderId, version).setPageSize(MAX_STREAM))
        .thenApply(rs -> events(page(rs, workOrderId), workOrderId));
  }

  /** Removes the stream's marks up to {@code version}, without blocking. */
  public CompletionStage<Void> deleteThroughAsync(String workOrderId, long version) {
    return session
        .executeAsync(
            deleteMarksThrough.bind(WorkOrderSchema.bucket(workOrderId), workOrderId, version))
        .thenApply(rs -> null);
  }

  /** Removes a mark, without blocking. */
  public CompletionStage<Void> deleteAsync(Mark mark) {
    return session
        .executeAsync(
            deleteMark.bind(
                WorkOrderSchema.bucket(mark.workOrderId()), mark.workOrderId(), mark.version()))
        .thenApply(rs -> null);
  }

  private static Iterable<Row> page(AsyncResultSet rs, String workOrderId) {
    if (rs.hasMorePages()) {
      throw new IllegalStateException(workOrderId + " has more than " + MAX_STREAM + " events");
    }
    return rs.currentPage();
  }

  private static List<WorkOrderEvent> events(Iterable<Row> rows, String workOrderId) {
    List<WorkOrderEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(CassandraEventStore.decode(row.getByteBuffer(0)));
    }
    return events;
  }
}
