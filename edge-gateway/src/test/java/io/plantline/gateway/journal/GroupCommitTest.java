package io.plantline.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  /** A file whose first fsync blocks until the test releases it. */
  private static final class GatedFile implements GroupCommit.Syncable {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger syncs = new AtomicInteger();

    @Override
    public void sync() throws IOException {
      if (syncs.incrementAndGet() == 1) {
        entered.countDown();
        try {
          if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IOException("not released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
  }

  @Test
  void shouldCoverAllWritersThatQueuedDuringAnFsyncWithOneMoreFsync() throws Exception {
    GroupCommit commit = new GroupCommit();
    GatedFile file = new GatedFile();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      long first = commit.written(file);
      List<Future<?>> waiters = new ArrayList<>();
      waiters.add(pool.submit(() -> awaitDurable(commit, first)));
      assertThat(file.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 4; i++) {
        long ticket = commit.written(file);
        waiters.add(pool.submit(() -> awaitDurable(commit, ticket)));
      }

      file.release.countDown();
      for (Future<?> waiter : waiters) {
        waiter.get(10, TimeUnit.SECONDS);
      }

      assertThat(file.syncs).hasValue(2);
      assertThat(commit.syncCount()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldForceEachDirtyFileOncePerRound() throws IOException {
    GroupCommit commit = new GroupCommit();
    AtomicInteger logSyncs = new AtomicInteger();
    AtomicInteger ackSyncs = new AtomicInteger();
    GroupCommit.Syncable log = logSyncs::incrementAndGet;
    GroupCommit.Syncable acks = ackSyncs::incrementAndGet;
    commit.written(log);
    commit.written(acks);
    long last = commit.written(log);

    commit.awaitDurable(last);
    commit.syncAll();

    assertThat(logSyncs).hasValue(1);
    assertThat(ackSyncs).hasValue(1);
    assertThat(commit.syncCount()).isEqualTo(1);
  }

  @Test
  void shouldNotForceAnythingWhenNothingWasWritten() throws IOException {
    GroupCommit commit = new GroupCommit();

    commit.syncAll();

    assertThat(commit.syncCount()).isZero();
  }

  @Test
  void shouldFailEveryLaterWaitAfterAFailedFsync() {
    GroupCommit commit = new GroupCommit();
    GroupCommit.Syncable broken =
        () -> {
          throw new IOException("EIO");
        };
    long ticket = commit.written(broken);

    assertThatThrownBy(() -> commit.awaitDurable(ticket))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("EIO");
    long later = commit.written(() -> {});
    assertThatThrownBy(() -> commit.awaitDurable(later)).hasMessageContaining("EIO");
  }

  private static Void awaitDurable(GroupCommit commit, long ticket) throws IOException {
    commit.awaitDurable(ticket);
    return null;
  }
}
