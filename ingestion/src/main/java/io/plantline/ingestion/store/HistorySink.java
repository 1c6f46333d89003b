package io.plantline.ingestion.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes telemetry and device status into the {@link HistorySchema} tables with prepared,
 * idempotent statements, asynchronously with at most {@code maxInFlight} requests outstanding.
 *
 * <p>Statements that fail (a write timeout of an overloaded node, say) are retried on their own a
 * few times before the whole flush is reported failed. Per flush: one row per telemetry batch and
 * minute ({@link ReadingBatchRow}), grouped into unlogged batches per partition (device, day), at
 * most {@link #MAX_BATCH} rows each; the newest reading per device and metric into {@code
 * latest_by_device} {@code USING TIMESTAMP} sourceTime (so an older replay never overwrites a newer
 * value); the newest telemetry per device into the registry's site, area and last_seen, at most
 * once per {@link #LAST_SEEN_RESOLUTION} per device. Status events are applied in order, one device
 * at a time: BIRTH and DEATH set the lifecycle state unless their boot epoch is older than the
 * registry's (a stale last will), GAP and unknown states only record the last gap.
 */
public final class HistorySink implements StoreSink {
  /** An entry of {@code latest_by_device.metrics}: value, unit, quality, source time. */
  public static final TupleType LATEST_ENTRY =
      DataTypes.tupleOf(DataTypes.DOUBLE, DataTypes.TEXT, DataTypes.TEXT, DataTypes.TIMESTAMP);

  /** Largest number of rows in one unlogged batch. */
  static final int MAX_BATCH = 50;

  /**
   * Attempts per statement within one {@link #write}: only the statements that failed are sent
   * again (they are idempotent); after the last attempt the flush fails and is retried as a whole.
   */
  static final int STATEMENT_ATTEMPTS = 4;

  private final CqlSession session;
  private final Semaphore inFlight;
  private final PreparedStatement insertReading;
  private final PreparedStatement updateLatest;
  private final PreparedStatement updateSeen;
  private final PreparedStatement updateState;
  private final PreparedStatement updateBirth;
  private final PreparedStatement updateDeath;
  private final PreparedStatement updateGap;
  private final PreparedStatement selectBootEpoch;
  private final Map<String, Long> bootEpochs = new ConcurrentHashMap<>();

  /**
   * The registry's {@code last_seen} is written at most once per {@link #LAST_SEEN_RESOLUTION} per
   * device (a third of the statements of a flush otherwise): the gateway time last written per
   * device, updated only after a successful flush.
   */
  static final Duration LAST_SEEN_RESOLUTION = Duration.ofSeconds(5);

  private final Map<String, Instant> lastSeenWritten = new ConcurrentHashMap<>();
  private final Map<String, String> registeredPlace = new ConcurrentHashMap<>();

  private static String place(TelemetryBatch batch) {
    return batch.siteId() + "/" + batch.areaId();
  }

  /** Prepares the statements against the existing schema in {@code keyspace}. */
  public HistorySink(CqlSession session, String keyspace, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    this.session = session;
    this.inFlight = new Semaphore(maxInFlight);
    String ks = keyspace + ".";
    insertReading = session.prepare(ReadingBatchRow.insertCql(keyspace));
    updateLatest =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.LATEST
                + " USING TIMESTAMP ? SET metrics = metrics + ? WHERE device_id = ?");
    updateSeen =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.DEVICES
                + " USING TIMESTAMP ? SET site_id = ?, area_id = ?, last_seen = ?"
                + " WHERE device_id = ?");
    updateState =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.DEVICES
                + " SET site_id = ?, area_id = ?, last_state = ?, last_state_at = ?, boot_epoch = ?"
                + " WHERE device_id = ?");
    updateBirth =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.DEVICES
                + " USING TIMESTAMP ? SET last_birth = ? WHERE device_id = ?");
    updateDeath =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.DEVICES
                + " USING TIMESTAMP ? SET last_death = ? WHERE device_id = ?");
    updateGap =
        session.prepare(
            "UPDATE "
                + ks
                + HistorySchema.DEVICES
                + " USING TIMESTAMP ? SET site_id = ?, area_id = ?, last_gap = ?,"
                + " last_gap_reason = ? WHERE device_id = ?");
    selectBootEpoch =
        session.prepare(
            "SELECT boot_epoch FROM " + ks + HistorySchema.DEVICES + " WHERE device_id = ?");
  }

  @Override
  public String name() {
    return "cassandra";
  }

  @Override
  public void write(StoreRecords records) throws Exception {
    Map<String, TelemetryBatch> seenNow = new HashMap<>();
    List<Statement<?>> todo = telemetryStatements(records.telemetry(), seenNow);
    for (int attempt = 1; !todo.isEmpty(); attempt++) {
      List<Statement<?>> failed = new ArrayList<>();
      Exception last = executeAll(todo, failed);
      if (last != null && attempt >= STATEMENT_ATTEMPTS) {
        throw last;
      }
      if (!failed.isEmpty()) {
        Thread.sleep(50L * attempt);
      }
      todo = failed;
    }
    seenNow.forEach(
        (device, batch) -> {
          lastSeenWritten.put(device, batch.gatewayTime());
          registeredPlace.put(device, place(batch));
        });
    for (DeviceStatus status : records.statuses()) {
      applyStatus(status);
    }
  }

  private List<Statement<?>> telemetryStatements(
      List<TelemetryBatch> batches, Map<String, TelemetryBatch> seenNow) {
    Map<String, List<BoundStatement>> readingsByPartition = new LinkedHashMap<>();
    Map<String, Map<String, Newest>> latest = new LinkedHashMap<>();
    Map<String, TelemetryBatch> seen = new HashMap<>();
    for (TelemetryBatch batch : batches) {
      for (ReadingBatchRow row : ReadingBatchRow.of(batch)) {
        readingsByPartition
            .computeIfAbsent(batch.deviceId() + "/" + row.day(), k -> new ArrayList<>())
            .add(row.bind(insertReading));
      }
      for (BatchReading r : batch.readings()) {
        latest
            .computeIfAbsent(batch.deviceId(), d -> new HashMap<>())
            .merge(r.metric(), new Newest(r), Newest::newer);
      }
      seen.merge(
          batch.deviceId(), batch, (a, b) -> a.gatewayTime().isAfter(b.gatewayTime()) ? a : b);
    }
    List<Statement<?>> statements = new ArrayList<>();
    readingsByPartition.values().forEach(rows -> statements.addAll(batches(rows)));
    latest.forEach(
        (device, byMetric) -> {
          // One statement per source time: its entries share the write timestamp.
          Map<Instant, Map<String, TupleValue>> bySourceTime = new HashMap<>();
          for (Newest n : byMetric.values()) {
            BatchReading r = n.reading();
            bySourceTime
                .computeIfAbsent(r.sourceTime(), t -> new HashMap<>())
                .put(
                    r.metric(),
                    LATEST_ENTRY.newValue(r.value(), r.unit(), r.quality().name(), r.sourceTime()));
          }
          List<BoundStatement> rows = new ArrayList<>();
          bySourceTime.forEach(
              (time, entries) -> rows.add(updateLatest.bind(micros(time), entries, device)));
          statements.addAll(batches(rows));
        });
    for (TelemetryBatch batch : seen.values()) {
      Instant written = lastSeenWritten.get(batch.deviceId());
      if (written != null
          && batch.gatewayTime().isBefore(written.plus(LAST_SEEN_RESOLUTION))
          && place(batch).equals(registeredPlace.get(batch.deviceId()))) {
        continue; // the registry's last_seen is recent enough; saves a statement per device
      }
      seenNow.put(batch.deviceId(), batch);
      statements.add(
          updateSeen
              .bind(
                  micros(batch.gatewayTime()),
                  batch.siteId(),
                  batch.areaId(),
                  batch.gatewayTime(),
                  batch.deviceId())
              .setIdempotent(true));
    }
    return statements;
  }

  /** Rows of one partition as unlogged batches of at most {@link #MAX_BATCH}. */
  private static List<Statement<?>> batches(List<BoundStatement> rows) {
    List<Statement<?>> batches = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += MAX_BATCH) {
      List<BoundStatement> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_BATCH));
      if (chunk.size() == 1) {
        batches.add(chunk.get(0).setIdempotent(true));
      } else {
        BatchStatementBuilder builder = BatchStatement.builder(BatchType.UNLOGGED);
        chunk.forEach(builder::addStatement);
        batches.add(builder.setIdempotence(true).build());
      }
    }
    return batches;
  }

  private void applyStatus(DeviceStatus status) throws Exception {
    String device = status.deviceId();
    long micros = micros(status.occurredAt());
    switch (status.state().name()) {
      case "BIRTH", "DEATH" -> {
        long known = knownBootEpoch(device);
        if (status.bootEpoch() < known) {
          return; // a stale event of an earlier boot, for example an old last will
        }
        boolean birth = "BIRTH".equals(status.state().name());
        BatchStatement batch =
            BatchStatement.builder(BatchType.UNLOGGED)
                .addStatement(
                    updateState.bind(
                        status.siteId(),
                        status.areaId(),
                        status.state().name(),
                        status.occurredAt(),
                        status.bootEpoch(),
                        device))
                .addStatement(
                    (birth ? updateBirth : updateDeath).bind(micros, status.occurredAt(), device))
                .setIdempotence(true)
                .build();
        await(submit(batch));
        bootEpochs.put(device, status.bootEpoch());
      }
      default ->
          await(
              submit(
                  updateGap
                      .bind(
                          micros,
                          status.siteId(),
                          status.areaId(),
                          status.occurredAt(),
                          status.optionalReason().orElse(status.state().name()),
                          device)
                      .setIdempotent(true)));
    }
  }

  private long knownBootEpoch(String device) throws Exception {
    Long cached = bootEpochs.get(device);
    if (cached != null) {
      return cached;
    }
    AsyncResultSet rows = await(submit(selectBootEpoch.bind(device).setIdempotent(true)));
    Row row = rows.one();
    long known = row == null || row.isNull(0) ? Long.MIN_VALUE : row.getLong(0);
    bootEpochs.put(device, known);
    return known;
  }

  private CompletableFuture<AsyncResultSet> submit(Statement<?> statement)
      throws InterruptedException {
    inFlight.acquire();
    CompletionStage<AsyncResultSet> stage;
    try {
      stage = session.executeAsync(statement);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    return stage.whenComplete((rs, e) -> inFlight.release()).toCompletableFuture();
  }

  private static AsyncResultSet await(CompletableFuture<AsyncResultSet> future) throws Exception {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * Runs the statements with bounded concurrency, collects those that failed into {@code failed}
   * and returns the last failure, or null.
   */
  private Exception executeAll(List<Statement<?>> statements, List<Statement<?>> failed)
      throws InterruptedException {
    List<CompletableFuture<AsyncResultSet>> pending = new ArrayList<>(statements.size());
    for (Statement<?> statement : statements) {
      pending.add(submit(statement));
    }
    Exception last = null;
    for (int i = 0; i < pending.size(); i++) {
      try {
        await(pending.get(i));
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        failed.add(statements.get(i));
        last = e;
      }
    }
    return last;
  }

  /** Microseconds since the epoch, the unit of Cassandra write timestamps. */
  static long micros(Instant time) {
    return Math.addExact(
        Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
  }

  /** The newest reading of one device and metric within a flush. */
  private record Newest(BatchReading reading) {
    static Newest newer(Newest a, Newest b) {
      return b.reading.sourceTime().isAfter(a.reading.sourceTime()) ? b : a;
    }
  }
}
