package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the journal only appends to, with an fsync that tolerates a concurrent close.
 *
 * <p>It uses {@link RandomAccessFile}, not {@code FileChannel}, on purpose: a thread interrupted
 * inside a {@code FileChannel} operation closes the channel for everyone ({@code
 * ClosedByInterruptException}), which would take the journal down whenever a caller's thread is
 * interrupted (the forwarder interrupts its thread on close). Appends are called under the journal
 * lock; {@link #sync} and {@link #close} synchronize on this object.
 */
final class AppendFile implements GroupCommit.Syncable {

  /** An append failed but the file was cut back to its previous size: nothing changed on disk. */
  static final class RolledBackException extends IOException {
    RolledBackException(Path path, IOException cause) {
      super("cannot append to " + path + ": " + cause.getMessage(), cause);
    }
  }

  private final Path path;
  private final RandomAccessFile file;
  private long size;
  private boolean closed;

  private AppendFile(Path path, RandomAccessFile file, long size) {
    this.path = path;
    this.file = file;
    this.size = size;
  }

  /** Creates a new, empty file; fails if it exists. */
  static AppendFile create(Path path) throws IOException {
    Files.createFile(path);
    return new AppendFile(path, new RandomAccessFile(path.toFile(), "rw"), 0);
  }

  /** Opens an existing file for appending at {@code size}, cutting off anything after it. */
  static AppendFile openAt(Path path, long size) throws IOException {
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      if (file.length() != size) {
        file.setLength(size);
        file.getFD().sync();
      }
      file.seek(size);
      return new AppendFile(path, file, size);
    } catch (IOException e) {
      file.close();
      throw e;
    }
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  /**
   * Writes the bytes at the end of the file (into the OS page cache: a killed process loses nothing
   * written). On failure it cuts the file back and throws {@link RolledBackException}; if even that
   * fails, it throws a plain {@link IOException} and the file's tail is undefined.
   */
  void append(byte[] bytes, int offset, int length) throws IOException {
    try {
      file.write(bytes, offset, length);
      size += length;
    } catch (IOException e) {
      try {
        file.setLength(size);
        file.seek(size);
      } catch (IOException rollback) {
        e.addSuppressed(rollback);
        throw e;
      }
      throw new RolledBackException(path, e);
    }
  }

  /** Forces the file's bytes to the device; does nothing once the file is closed. */
  @Override
  public synchronized void sync() throws IOException {
    if (!closed) {
      file.getFD().sync();
    }
  }

  /** Closes the file without forcing it; idempotent. */
  synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      file.close();
    }
  }
}
