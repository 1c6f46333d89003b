package io.plantline.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Benchmark main: for {@link FsyncPolicy#INTERVAL} and {@link FsyncPolicy#ALWAYS}, four threads
 * append N records with 300-byte payloads, one thread reads them all back, and four threads
 * acknowledge them. Prints appends/s, records per fsync, reads/s and acks/s.
 *
 * <pre>
 * java -cp edge-gateway/target/classes io.plantline.gateway.journal.JournalBench [records] [dir]
 * </pre>
 */
public final class JournalBench {
  private static final int THREADS = 4;
  private static final int PAYLOAD_BYTES = 300;
  private static final int READ_BATCH = 1000;

  private JournalBench() {}

  /** Runs the benchmark; arguments: number of records (200000), directory (a temporary one). */
  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    boolean temporary = args.length < 2;
    Path base = temporary ? Files.createTempDirectory("journal-bench") : Path.of(args[1]);
    System.out.printf(
        "JournalBench: %,d records, %d-byte payloads, %d appender and %d acker threads,"
            + " 8 MiB segments, %d cores, Java %s, %s%n",
        records,
        PAYLOAD_BYTES,
        THREADS,
        THREADS,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        base);
    System.out.printf(
        "%-9s %12s %14s %12s %12s%n", "fsync", "appends/s", "records/fsync", "reads/s", "acks/s");
    for (FsyncPolicy policy : List.of(FsyncPolicy.INTERVAL, FsyncPolicy.ALWAYS)) {
      Path dir = base.resolve(policy.name().toLowerCase(java.util.Locale.ROOT));
      try {
        run(policy, dir, records);
      } finally {
        deleteRecursively(dir);
      }
    }
    if (temporary) {
      deleteRecursively(base);
    }
  }

  private static void run(FsyncPolicy policy, Path dir, int records) throws Exception {
    JournalConfig config =
        new JournalConfig(
            dir,
            4L << 30,
            JournalConfig.DEFAULT_SEGMENT_BYTES,
            policy,
            Duration.ofMillis(200),
            OverflowPolicy.REJECT_NEW);
    byte[] payload = new byte[PAYLOAD_BYTES];
    new Random(42).nextBytes(payload);
    long[] indexes = new long[records];
    try (Journal journal = Journal.open(config)) {
      long start = System.nanoTime();
      inParallel(records, i -> indexes[i] = journal.append("device-" + (i % 64), payload));
      double appendSeconds = seconds(start);
      long syncs = Math.max(1, journal.syncCount());

      start = System.nanoTime();
      long after = 0;
      int read = 0;
      for (List<JournalRecord> batch = journal.readUnacknowledged(after, READ_BATCH);
          !batch.isEmpty();
          batch = journal.readUnacknowledged(after, READ_BATCH)) {
        read += batch.size();
        after = batch.get(batch.size() - 1).index();
      }
      double readSeconds = seconds(start);

      Arrays.sort(indexes);
      start = System.nanoTime();
      inParallel(records, i -> journal.acknowledge(indexes[i]));
      double ackSeconds = seconds(start);

      if (read != records || journal.backlogRecords() != 0) {
        throw new IllegalStateException("read " + read + ", backlog " + journal.backlogRecords());
      }
      String perFsync =
          policy == FsyncPolicy.ALWAYS ? "%.1f".formatted((double) records / syncs) : "-";
      System.out.printf(
          "%-9s %,12.0f %14s %,12.0f %,12.0f%n",
          policy, records / appendSeconds, perFsync, records / readSeconds, records / ackSeconds);
    }
  }

  /** Runs {@code task} for 0..n-1, split round-robin over {@link #THREADS} threads. */
  private static void inParallel(int n, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      Future<?>[] futures = new Future<?>[THREADS];
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        futures[t] =
            pool.submit(
                () -> {
                  for (int i = first; i < n; i += THREADS) {
                    task.accept(i);
                  }
                });
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
