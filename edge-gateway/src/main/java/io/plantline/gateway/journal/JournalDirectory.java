package io.plantline.gateway.journal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The journal's directory: an exclusive lock ({@code journal.lock}) so that no second process (for
 * instance a new pod started before the old one stopped) writes the same segments, the listing of
 * segment logs, and the fsync of the directory itself, which makes file creations, renames and
 * deletions durable.
 */
final class JournalDirectory implements GroupCommit.Syncable {
  static final String LOCK_FILE = "journal.lock";

  private final Path path;
  private final FileChannel lockChannel;

  private JournalDirectory(Path path, FileChannel lockChannel) {
    this.path = path;
    this.lockChannel = lockChannel;
  }

  /**
   * Creates the directory if needed and locks it.
   *
   * @throws IllegalStateException if another process or another journal of this JVM holds it
   */
  static JournalDirectory open(Path path) throws IOException {
    Files.createDirectories(path);
    FileChannel channel =
        FileChannel.open(
            path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() == null) {
        throw new IllegalStateException(
            "journal directory " + path + " is in use by another process");
      }
      return new JournalDirectory(path, channel);
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IllegalStateException(
          "journal directory " + path + " is already open in this JVM; close that journal first",
          e);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Path path() {
    return path;
  }

  Path resolve(String fileName) {
    return path.resolve(fileName);
  }

  /** First indexes of the segment logs present, ascending. */
  List<Long> segmentFirstIndexes() throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      return files
          .map(file -> Segment.parseLogName(file.getFileName().toString()))
          .filter(OptionalLong::isPresent)
          .map(OptionalLong::getAsLong)
          .sorted()
          .toList();
    }
  }

  /**
   * Forces the directory entries to the device. The channel is private to this call; an interrupt
   * is set aside during it and restored after, so it cannot fail the journal.
   */
  @Override
  public void sync() throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        interrupted |= Thread.interrupted();
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
          directory.force(true);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Releases the lock; idempotent. */
  void release() throws IOException {
    lockChannel.close();
  }

  /** Releases the lock; a failure is added to {@code cause} (if any) rather than thrown. */
  void releaseQuietly(Exception cause) {
    try {
      release();
    } catch (IOException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
  }
}
