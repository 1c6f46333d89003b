package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Shared settings and helpers of the journal tests. */
final class JournalFixtures {
  /** The smallest segment: exactly {@value #RECORDS_PER_SEGMENT} records of {@link #payload}. */
  static final int SEGMENT_BYTES = 1024;

  /** Frame of key {@code "k"} and a {@link #payload}: 28 bytes of framing + 1 + 99. */
  static final int FRAME_BYTES = 128;

  static final int RECORDS_PER_SEGMENT = SEGMENT_BYTES / FRAME_BYTES;

  private JournalFixtures() {}

  static JournalConfig config(
      Path dir, FsyncPolicy fsync, OverflowPolicy overflow, long segmentBytes, long maxBytes) {
    return new JournalConfig(dir, maxBytes, segmentBytes, fsync, Duration.ofMillis(20), overflow);
  }

  /** Small segments of 8 records, 1 MiB bound, INTERVAL, DROP_OLDEST. */
  static JournalConfig small(Path dir) {
    return config(dir, FsyncPolicy.INTERVAL, OverflowPolicy.DROP_OLDEST, SEGMENT_BYTES, 1 << 20);
  }

  /** A 99-byte payload that starts with {@code n} and differs for every n. */
  static byte[] payload(int n) {
    byte[] payload = new byte[99];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (n * 31 + i);
    }
    ByteBuffer.wrap(payload).putInt(0, n);
    return payload;
  }

  /** Appends {@code count} records with key "k" and payloads 1..count. */
  static void appendRecords(Journal journal, int count) {
    for (int n = 1; n <= count; n++) {
      journal.append("k", payload(n));
    }
  }

  static List<JournalRecord> readAll(Journal journal) {
    return journal.readUnacknowledged(0, Integer.MAX_VALUE);
  }

  static List<Long> indexes(List<JournalRecord> records) {
    return records.stream().map(JournalRecord::index).toList();
  }

  /** Names of the files in {@code dir} that end with {@code suffix}, sorted. */
  static List<String> files(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
