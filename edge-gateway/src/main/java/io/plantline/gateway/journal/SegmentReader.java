package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Positional reads of one segment file, outside the journal lock. A segment may be deleted while a
 * reader works on it (all its records acknowledged, or dropped): {@link #close} waits for a running
 * read, and later reads return null, which callers treat as "nothing left to deliver here".
 */
final class SegmentReader {
  private final RandomAccessFile file;
  private boolean closed;

  private SegmentReader(RandomAccessFile file) {
    this.file = file;
  }

  static SegmentReader open(Path path) throws IOException {
    return new SegmentReader(new RandomAccessFile(path.toFile(), "r"));
  }

  /** The {@code length} bytes at {@code position}, or null once the segment is closed. */
  synchronized byte[] read(long position, int length) throws IOException {
    if (closed) {
      return null;
    }
    byte[] bytes = new byte[length];
    file.seek(position);
    file.readFully(bytes);
    return bytes;
  }

  /** Closes the file; idempotent. */
  synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      file.close();
    }
  }
}
