package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.workorder.WorkOrderEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The publisher's view of the event store: outbox marks, stored events, published positions. */
public final class CassandraOutbox {

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
  private final PreparedStatement eventsAfter;
  private final PreparedStatement publishedThrough;
  private final PreparedStatement markPublished;
  private final PreparedStatement deleteMark;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraOutbox(CqlSession session, String keyspace) {
    this.session = session;
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    marks =
        session.prepare(
            "SELECT work_order_id, version, marked_at FROM "
                + ks
                + "work_order_outbox WHERE bucket = ?");
    eventsAfter =
        session.prepare(
            "SELECT payload FROM "
                + ks
                + "work_order_events WHERE work_order_id = ? AND version > ?");
    publishedThrough =
        session.prepare(
            "SELECT version FROM " + ks + "work_order_published WHERE work_order_id = ?");
    markPublished =
        session.prepare(
            "INSERT INTO " + ks + "work_order_published (work_order_id, version) VALUES (?, ?)");
    deleteMark =
        session.prepare(
            "DELETE FROM "
                + ks
                + "work_order_outbox WHERE bucket = ? AND work_order_id = ? AND version = ?");
  }

  /** The marks of one bucket, grouped by work order and in version order. */
  public List<Mark> marks(int bucket) {
    List<Mark> result = new ArrayList<>();
    for (Row row : session.execute(marks.bind(bucket))) {
      result.add(new Mark(row.getString(0), row.getLong(1), row.getInstant(2)));
    }
    return result;
  }

  /** The highest version of the work order already published, 0 if none. */
  public long publishedThrough(String workOrderId) {
    Row row = session.execute(publishedThrough.bind(workOrderId)).one();
    return row == null ? 0 : row.getLong(0);
  }

  /** Stored events of the work order after {@code version}, in order. */
  public List<WorkOrderEvent> eventsAfter(String workOrderId, long version) {
    List<WorkOrderEvent> events = new ArrayList<>();
    for (Row row : session.execute(eventsAfter.bind(workOrderId, version))) {
      events.add(CassandraEventStore.decode(row.getByteBuffer(0)));
    }
    return events;
  }

  /** Records that every version up to {@code version} is on Kafka. */
  public void markPublished(String workOrderId, long version) {
    session.execute(markPublished.bind(workOrderId, version));
  }

  /** Removes a handled mark. */
  public void delete(Mark mark) {
    session.execute(
        deleteMark.bind(
            WorkOrderSchema.bucket(mark.workOrderId()), mark.workOrderId(), mark.version()));
  }
}
