package io.plantline.testkit.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.plantline.testkit.Credentials;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServersExtension.class)
class CassandraServerIT {

  @Test
  void shouldStoreAndReadRowsWithALightweightTransaction(CassandraServer cassandra) {
    try (CqlSession session = cassandra.openSession()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS testkit WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute(
          "CREATE TABLE IF NOT EXISTS testkit.readings"
              + " (device_id text, ts timestamp, value double, PRIMARY KEY (device_id, ts))");
      Instant ts = Instant.parse("2026-11-25T10:00:00Z");
      boolean first =
          session
              .execute(
                  "INSERT INTO testkit.readings (device_id, ts, value) VALUES (?, ?, ?) IF NOT EXISTS",
                  "press-1",
                  ts,
                  71.5)
              .wasApplied();
      boolean second =
          session
              .execute(
                  "INSERT INTO testkit.readings (device_id, ts, value) VALUES (?, ?, ?) IF NOT EXISTS",
                  "press-1",
                  ts,
                  99.0)
              .wasApplied();

      List<Row> rows =
          session
              .execute("SELECT ts, value FROM testkit.readings WHERE device_id = ?", "press-1")
              .all();
      assertThat(first).isTrue();
      assertThat(second).as("the conditional insert must not overwrite").isFalse();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).getInstant("ts")).isEqualTo(ts);
      assertThat(rows.get(0).getDouble("value")).isEqualTo(71.5);
    }
  }

  @Test
  void shouldTimeOutWhileTheNodeIsPausedAndAnswerAgainOnceResumed(CassandraServer cassandra) {
    SimpleStatement query =
        SimpleStatement.newInstance("SELECT release_version FROM system.local")
            .setTimeout(Duration.ofSeconds(2));
    try (CqlSession session = cassandra.openSession()) {
      assertThat(session.execute(query).one()).isNotNull();

      cassandra.pause();
      try {
        assertThatThrownBy(() -> session.execute(query)).isInstanceOf(DriverTimeoutException.class);
      } finally {
        cassandra.resume();
      }

      // A little more time for the first answer of a node that has just been thawed.
      Row row = session.execute(query.setTimeout(Duration.ofSeconds(10))).one();
      assertThat(row.getString("release_version")).startsWith("5.");
    }
  }

  /** About 30 s (a restart of Cassandra): run with {@code -Dtestkit.slowFaultTests=true}. */
  @Test
  @EnabledIfSystemProperty(named = "testkit.slowFaultTests", matches = "true")
  void shouldKeepRowsAndCredentialsWhenTheNodeRestarts(CassandraServer cassandra) {
    try (CqlSession session = cassandra.openSession()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS testkit WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS testkit.restarts (id text PRIMARY KEY)");
      session.execute("INSERT INTO testkit.restarts (id) VALUES ('before')");
      long nodePid = cassandra.pid();

      cassandra.stopNode();
      assertThat(ProcessHandle.of(nodePid)).as("the old node process is gone").isEmpty();
      cassandra.startNode();

      assertThat(cassandra.pid()).isNotEqualTo(nodePid);
    } finally {
      if (!cassandra.isNodeRunning()) {
        cassandra.startNode(); // the node is shared by the whole suite
      }
    }
    try (CqlSession session = cassandra.openSession()) {
      List<Row> rows = session.execute("SELECT id FROM testkit.restarts").all();
      assertThat(rows).extracting(row -> row.getString("id")).containsExactly("before");
    }
  }

  @Test
  void shouldRefuseAWrongPassword(CassandraServer cassandra) {
    Credentials wrong = new Credentials(cassandra.applicationCredentials().username(), "wrong");
    assertThatThrownBy(() -> cassandra.openSession(wrong).close())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining("Authentication error");
  }

  @Test
  void shouldRefuseTheWellKnownDefaultSuperuserLogin(CassandraServer cassandra) {
    Credentials defaults = new Credentials("cassandra", "cassandra");
    assertThatThrownBy(() -> cassandra.openSession(defaults).close())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining("Authentication error");
  }
}
