package io.plantline.stream.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the checkpoint to resume from in a filesystem checkpoint directory, as Flink lays it out:
 * {@code <dir>/<job-id>/chk-<n>/_metadata}, one job-id directory per job that ever ran there.
 *
 * <p>A checkpoint is complete once its {@code _metadata} file exists: Flink writes that file last
 * (on a local file system through a temporary file renamed into place) and deletes it first when it
 * discards a checkpoint, so a {@code chk-<n>} directory without it is a checkpoint that was in
 * progress or half deleted when the process died, and is ignored.
 */
public final class RetainedCheckpoints {
  /** The file that makes a {@code chk-<n>} directory a completed checkpoint. */
  public static final String METADATA = "_metadata";

  private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

  private RetainedCheckpoints() {}

  private record Candidate(Path dir, long modifiedNanos, long number) {}

  /**
   * The newest completed checkpoint under {@code dir}: the {@code chk-<n>} directory whose {@code
   * _metadata} was written last, the higher {@code n} on a tie; empty when there is none or {@code
   * dir} does not exist. Looks at {@code dir/chk-<n>} and {@code dir/<job-id>/chk-<n>}.
   */
  public static Optional<Path> latestCompleted(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals(METADATA))
          .map(RetainedCheckpoints::candidate)
          .flatMap(Optional::stream)
          .max(
              Comparator.comparingLong(Candidate::modifiedNanos)
                  .thenComparingLong(Candidate::number))
          .map(Candidate::dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Optional<Candidate> candidate(Path metadata) {
    Path parent = metadata.getParent();
    Matcher m = CHECKPOINT_DIR.matcher(parent.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(metadata, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new Candidate(
              parent,
              attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
              Long.parseLong(m.group(1))));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // gone meanwhile, or a number too large to be Flink's
    }
  }
}
