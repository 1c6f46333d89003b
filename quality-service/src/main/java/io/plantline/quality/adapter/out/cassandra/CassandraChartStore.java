package io.plantline.quality.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.plantline.quality.domain.ChartPoint;
import io.plantline.quality.domain.ChartState;
import io.plantline.quality.domain.ChartStore;
import io.plantline.quality.domain.LimitVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read model in Cassandra. Points, states and limit versions are stored as JSON of the domain
 * records; every write is an upsert keyed by (characteristic, day, subgroup), characteristic, or
 * (characteristic, version), so writing the same thing twice leaves the same rows.
 */
public final class CassandraChartStore implements ChartStore {

  /** JSON of the domain records (NaN written as the string "NaN" and read back). */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final CqlSession session;
  private final PreparedStatement insertPoint;
  private final PreparedStatement insertState;
  private final PreparedStatement insertVersion;
  private final PreparedStatement selectState;
  private final PreparedStatement selectPoints;
  private final PreparedStatement selectVersions;

  /** Prepares the statements against {@code keyspace} (tables must exist). */
  public CassandraChartStore(CqlSession session, String keyspace) {
    this.session = session;
    String ks = QualitySchema.requireKeyspace(keyspace) + ".";
    insertPoint =
        session.prepare(
            "INSERT INTO "
                + ks
                + "chart_points (characteristic_id, day, subgroup, at, point)"
                + " VALUES (?, ?, ?, ?, ?)");
    insertState =
        session.prepare(
            "INSERT INTO "
                + ks
                + "chart_state (characteristic_id, state, updated_at) VALUES (?, ?, ?)");
    insertVersion =
        session.prepare(
            "INSERT INTO "
                + ks
                + "limit_versions (characteristic_id, version, frozen) VALUES (?, ?, ?)");
    selectState =
        session.prepare("SELECT state FROM " + ks + "chart_state WHERE characteristic_id = ?");
    selectPoints =
        session.prepare(
            "SELECT point, at FROM " + ks + "chart_points WHERE characteristic_id = ? AND day = ?");
    selectVersions =
        session.prepare("SELECT frozen FROM " + ks + "limit_versions WHERE characteristic_id = ?");
  }

  @Override
  public Optional<ChartState> state(String characteristicId) {
    Row row = session.execute(selectState.bind(characteristicId)).one();
    return row == null ? Optional.empty() : Optional.of(read(row.getString(0), ChartState.class));
  }

  @Override
  public void save(
      String characteristicId,
      List<ChartPoint> points,
      Optional<LimitVersion> frozen,
      ChartState state) {
    if (!points.isEmpty()) {
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
      for (ChartPoint p : points) {
        batch.addStatement(
            insertPoint.bind(characteristicId, day(p.at()), p.number(), p.at(), write(p)));
      }
      session.execute(batch.build());
    }
    frozen.ifPresent(
        v -> session.execute(insertVersion.bind(characteristicId, v.version(), write(v))));
    session.execute(insertState.bind(characteristicId, write(state), Instant.now()));
  }

  @Override
  public List<ChartPoint> points(String characteristicId, Instant from, Instant to) {
    List<ChartPoint> result = new ArrayList<>();
    for (LocalDate d = day(from); !d.isAfter(day(to)); d = d.plusDays(1)) {
      for (Row row : session.execute(selectPoints.bind(characteristicId, d))) {
        Instant at = row.getInstant(1);
        if (!at.isBefore(from) && at.isBefore(to)) {
          result.add(read(row.getString(0), ChartPoint.class));
        }
      }
    }
    return result;
  }

  @Override
  public List<LimitVersion> limitVersions(String characteristicId) {
    List<LimitVersion> result = new ArrayList<>();
    for (Row row : session.execute(selectVersions.bind(characteristicId))) {
      result.add(read(row.getString(0), LimitVersion.class));
    }
    return result;
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + ": " + e, e);
    }
  }
}
