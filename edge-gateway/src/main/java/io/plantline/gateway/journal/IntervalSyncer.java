package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The background fsync of {@link FsyncPolicy#INTERVAL}: every interval it forces whatever was
 * written since the last fsync (nothing, if nothing was), through the same {@link GroupCommit} the
 * writers use. It stops at the first failure, which it reports.
 */
final class IntervalSyncer {
  private final ScheduledExecutorService executor;

  private IntervalSyncer(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static IntervalSyncer start(
      GroupCommit commit, Duration interval, String threadName, Consumer<IOException> onFailure) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    long nanos = interval.toNanos();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            commit.syncAll();
          } catch (IOException e) {
            onFailure.accept(e);
            throw new UncheckedIOException(e);
          }
        },
        nanos,
        nanos,
        TimeUnit.NANOSECONDS);
    return new IntervalSyncer(executor);
  }

  /** Stops the schedule and waits (bounded) for a running fsync to finish. */
  void stop() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the schedule at once, as a killed process would. */
  void kill() {
    executor.shutdownNow();
  }
}
