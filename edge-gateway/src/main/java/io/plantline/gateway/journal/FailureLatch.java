package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Remembers the first failure after which the journal's disk state is unknown (a failed fsync, or a
 * write that could not be rolled back). From then on the journal refuses appends and
 * acknowledgements; reads still work so the backlog can be drained. Reopening recovers from disk.
 */
final class FailureLatch {
  private static final System.Logger LOG = System.getLogger(FailureLatch.class.getName());

  private final Path directory;
  private volatile IOException failure;

  FailureLatch(Path directory) {
    this.directory = directory;
  }

  boolean tripped() {
    return failure != null;
  }

  /** Records the failure (the first one wins) and logs it once. */
  synchronized void trip(IOException cause) {
    if (failure == null) {
      failure = cause;
      LOG.log(
          System.Logger.Level.ERROR,
          "journal "
              + directory
              + " failed; it refuses appends and acknowledgements until it is reopened",
          cause);
    }
  }

  /**
   * The exception for a failed operation; trips the latch unless the write was rolled back, which
   * leaves the disk as it was (a full disk, for instance).
   */
  UncheckedIOException failed(String operation, IOException cause) {
    if (!(cause instanceof AppendFile.RolledBackException)) {
      trip(cause);
    }
    return new UncheckedIOException(operation + " failed in journal " + directory, cause);
  }

  /** Throws if tripped. */
  void check() {
    IOException cause = failure;
    if (cause != null) {
      throw new UncheckedIOException("journal " + directory + " failed earlier", cause);
    }
  }
}
