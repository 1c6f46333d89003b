package io.plantline.gateway.journal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps indexes unique across restarts, even when a power loss destroys the newest records: the
 * journal hands out an index only below a bound it has made durable in {@code journal.index}, and a
 * reopened journal starts at that bound at least. The bound moves ahead in blocks of {@value
 * #BLOCK} indexes (one fsync'ed rename per block). A clean close stores the exact next index, so
 * indexes continue without a gap after a clean restart and skip ahead (by less than a block) only
 * after a crash.
 */
final class IndexReservation {
  static final String FILE = "journal.index";
  static final long BLOCK = 1L << 20;

  private static final System.Logger LOG = System.getLogger(IndexReservation.class.getName());
  private static final int FILE_BYTES = 12;

  private final JournalDirectory directory;
  private long bound;

  private IndexReservation(JournalDirectory directory, long bound) {
    this.directory = directory;
    this.bound = bound;
  }

  /** Reads the stored bound; 1 (the first index) when there is none or it is unreadable. */
  static IndexReservation load(JournalDirectory directory) throws IOException {
    Path file = directory.resolve(FILE);
    Files.deleteIfExists(directory.resolve(FILE + ".tmp"));
    if (!Files.exists(file)) {
      return new IndexReservation(directory, 1);
    }
    byte[] bytes = new byte[FILE_BYTES];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() == FILE_BYTES) {
        in.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (RecordFormat.crc(bytes, 0, Long.BYTES) == buffer.getInt(Long.BYTES)) {
          return new IndexReservation(directory, Math.max(1, buffer.getLong(0)));
        }
      }
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "journal: " + file + " is unreadable; indexes continue after the highest one on disk");
    return new IndexReservation(directory, 1);
  }

  /** Every index handed out so far is below this bound. */
  long bound() {
    return bound;
  }

  /** Makes sure {@code index} is below the durable bound, moving it a block ahead if not. */
  void cover(long index) throws IOException {
    if (index >= bound) {
      store(index + BLOCK);
    }
  }

  /** Durably replaces the bound: write a temporary file, fsync, rename, fsync the directory. */
  void store(long newBound) throws IOException {
    byte[] bytes = new byte[FILE_BYTES];
    ByteBuffer.wrap(bytes).putLong(0, newBound);
    ByteBuffer.wrap(bytes).putInt(Long.BYTES, RecordFormat.crc(bytes, 0, Long.BYTES));
    Path temporary = directory.resolve(FILE + ".tmp");
    try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
      out.write(bytes);
      out.getFD().sync();
    }
    Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    directory.sync();
    bound = newBound;
  }
}
