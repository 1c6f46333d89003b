package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The persisted acknowledgements of one segment ({@code segment-<firstIndex>.acks}): an append-only
 * file of 12-byte entries {@code [index long][CRC32 of the index int]}, one per acknowledged
 * record, so at most 12 bytes per record. It is deleted with its segment.
 */
final class AckLog {
  static final int ENTRY_BYTES = 12;

  private static final System.Logger LOG = System.getLogger(AckLog.class.getName());

  private final AppendFile file;
  private final byte[] entry = new byte[ENTRY_BYTES];

  private AckLog(AppendFile file) {
    this.file = file;
  }

  static AckLog create(Path path) throws IOException {
    return new AckLog(AppendFile.create(path));
  }

  /**
   * Opens the ack log of a recovered segment (creating it if missing) and sets the bit of every
   * acknowledged ordinal in {@code acked}. A torn or corrupt tail is cut off: it holds at most the
   * acknowledgements of the last fsync window, whose records are then delivered again.
   */
  static AckLog recover(Path path, long firstIndex, int recordCount, BitSet acked)
      throws IOException {
    if (!Files.exists(path)) {
      return create(path);
    }
    byte[] entries;
    try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
      entries = new byte[Math.toIntExact(in.length())];
      in.readFully(entries);
    }
    ByteBuffer buffer = ByteBuffer.wrap(entries);
    int good = 0;
    while (good + ENTRY_BYTES <= entries.length
        && RecordFormat.crc(entries, good, Long.BYTES) == buffer.getInt(good + Long.BYTES)) {
      long ordinal = buffer.getLong(good) - firstIndex;
      if (ordinal >= 0 && ordinal < recordCount) {
        acked.set((int) ordinal);
      }
      good += ENTRY_BYTES;
    }
    if (good < entries.length) {
      int cut = good;
      LOG.log(
          System.Logger.Level.WARNING,
          () ->
              "journal: cutting a torn tail of %d bytes off %s"
                  .formatted(entries.length - cut, path));
    }
    return new AckLog(AppendFile.openAt(path, good));
  }

  /** Appends the acknowledgement of {@code index}; called under the journal lock. */
  void append(long index) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(entry);
    buffer.putLong(0, index);
    buffer.putInt(Long.BYTES, RecordFormat.crc(entry, 0, Long.BYTES));
    file.append(entry, 0, ENTRY_BYTES);
  }

  AppendFile file() {
    return file;
  }

  Path path() {
    return file.path();
  }

  void close() throws IOException {
    file.close();
  }
}
