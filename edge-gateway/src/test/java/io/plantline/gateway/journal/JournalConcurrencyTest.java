package io.plantline.gateway.journal;

import static io.plantline.gateway.journal.JournalFixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Four appender threads, a reader thread that checks the order, an acknowledging thread, and a
 * thread polling the metrics, all at once, on small segments that roll and get deleted constantly.
 */
class JournalConcurrencyTest {
  private static final int APPENDERS = 4;
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = FsyncPolicy.class,
      names = {"INTERVAL", "ALWAYS"})
  void shouldDeliverEveryRecordOnceAndInAppendOrderWhileAllThreadsRun(FsyncPolicy fsync)
      throws Exception {
    int perThread = fsync == FsyncPolicy.ALWAYS ? 300 : 5000;
    int total = APPENDERS * perThread;
    JournalConfig config =
        JournalFixtures.config(dir, fsync, OverflowPolicy.REJECT_NEW, 16 * 1024, 64L << 20);
    ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 3);
    try (Journal journal = Journal.open(config)) {
      BlockingQueue<Long> toAcknowledge = new LinkedBlockingQueue<>();
      AtomicBoolean done = new AtomicBoolean();
      List<Future<List<Long>>> appenders = new ArrayList<>();
      for (int t = 0; t < APPENDERS; t++) {
        int thread = t;
        appenders.add(pool.submit(() -> append(journal, thread, perThread)));
      }
      Future<?> reader = pool.submit(() -> readInOrder(journal, total, toAcknowledge));
      Future<?> acker = pool.submit(() -> acknowledge(journal, total, toAcknowledge));
      Future<?> metrics = pool.submit(() -> pollMetrics(journal, done));

      Set<Long> indexes = new HashSet<>();
      for (Future<List<Long>> appender : appenders) {
        List<Long> own = appender.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(own).isSorted().doesNotHaveDuplicates();
        indexes.addAll(own);
      }
      reader.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      acker.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      done.set(true);
      metrics.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

      assertThat(indexes).hasSize(total);
      assertThat(journal.appendedRecords()).isEqualTo(total);
      assertThat(journal.acknowledgedRecords()).isEqualTo(total);
      assertThat(journal.backlogRecords()).isZero();
      assertThat(journal.oldestUnacknowledgedMillis()).isEmpty();
      assertThat(files(dir, ".log")).as("only the active segment is left").hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Long> append(Journal journal, int thread, int count) {
    List<Long> indexes = new ArrayList<>(count);
    for (int seq = 0; seq < count; seq++) {
      byte[] payload = ByteBuffer.allocate(300).putInt(thread).putInt(seq).array();
      indexes.add(journal.append("device-" + thread, payload));
    }
    return indexes;
  }

  /** Checks that each appender's records arrive in its own order, without gap or duplicate. */
  private static Void readInOrder(Journal journal, int total, BlockingQueue<Long> out)
      throws TimeoutException {
    int[] nextSeq = new int[APPENDERS];
    long after = 0;
    int read = 0;
    long deadline = deadline();
    while (read < total) {
      List<JournalRecord> batch = journal.readUnacknowledged(after, 256);
      for (JournalRecord record : batch) {
        ByteBuffer payload = ByteBuffer.wrap(record.payload());
        int thread = payload.getInt();
        assertThat(record.key()).isEqualTo("device-" + thread);
        assertThat(payload.getInt()).isEqualTo(nextSeq[thread]++);
        assertThat(record.index()).isGreaterThan(after);
        after = record.index();
        out.add(after);
        read++;
      }
      checkDeadline(deadline, batch.isEmpty());
    }
    return null;
  }

  private static Void acknowledge(Journal journal, int total, BlockingQueue<Long> in)
      throws InterruptedException, TimeoutException {
    long deadline = deadline();
    for (int acked = 0; acked < total; acked++) {
      Long index = in.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (index == null) {
        throw new TimeoutException("acknowledged only " + acked + " of " + total);
      }
      journal.acknowledge(index);
    }
    return null;
  }

  private static Void pollMetrics(Journal journal, AtomicBoolean done) throws TimeoutException {
    long deadline = deadline();
    while (!done.get()) {
      assertThat(journal.backlogRecords()).isNotNegative();
      assertThat(journal.backlogBytes()).isNotNegative();
      journal.oldestUnacknowledgedMillis();
      checkDeadline(deadline, true);
    }
    return null;
  }

  private static long deadline() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
  }

  private static void checkDeadline(long deadline, boolean idle) throws TimeoutException {
    if (System.nanoTime() > deadline) {
      throw new TimeoutException("no progress before the deadline");
    }
    if (idle) {
      Thread.yield();
    }
  }
}
