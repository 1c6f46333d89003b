package io.plantline.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one server's data, config and log, deleted when the server stops. */
public final class WorkDirectory {
  private WorkDirectory() {}

  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory("plantline-" + prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the tree; failures are ignored since a stopped server's directory is not needed. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: the directory is under java.io.tmpdir
    }
  }
}
