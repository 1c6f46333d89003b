package io.plantline.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void shouldFindNothingInAnEmptyOrMissingDirectory(@TempDir Path dir) throws IOException {
    assertThat(RetainedCheckpoints.latestCompleted(dir)).isEmpty();
    assertThat(RetainedCheckpoints.latestCompleted(dir.resolve("missing"))).isEmpty();
    Files.createDirectories(dir.resolve("job-a").resolve("shared"));
    Files.createDirectories(dir.resolve("job-a").resolve("taskowned"));
    assertThat(RetainedCheckpoints.latestCompleted(dir)).isEmpty();
  }

  @Test
  void shouldIgnoreCheckpointsWithoutMetadata(@TempDir Path dir) throws IOException {
    Path complete = checkpoint(dir, "job-a", 7, T);
    // In progress when the process died: state files, no _metadata; newer and higher.
    Path inProgress = Files.createDirectories(dir.resolve("job-a").resolve("chk-8"));
    Files.writeString(inProgress.resolve("0b1f3c9e-state"), "x");
    // The metadata of a checkpoint being written: a temporary file next to where it will go.
    Path writing = Files.createDirectories(dir.resolve("job-b").resolve("chk-9"));
    Files.writeString(writing.resolve("._metadata.inprogress.4f1c"), "x");

    assertThat(RetainedCheckpoints.latestCompleted(dir)).contains(complete);
  }

  @Test
  void shouldChooseTheNewestCompletedCheckpointOfAnyJob(@TempDir Path dir) throws IOException {
    checkpoint(dir, "job-a", 5, T);
    checkpoint(dir, "job-a", 6, T.plusSeconds(10));
    // A later run restored from job-a's chk-6 and went on counting in its own directory.
    checkpoint(dir, "job-b", 7, T.plusSeconds(60));
    Path newest = checkpoint(dir, "job-b", 8, T.plusSeconds(70));
    // Another run's checkpoint, written in between.
    checkpoint(dir, "job-c", 2, T.plusSeconds(30));

    assertThat(RetainedCheckpoints.latestCompleted(dir)).contains(newest);
  }

  @Test
  void shouldPreferTheNewerMetadataOverTheHigherNumber(@TempDir Path dir) throws IOException {
    checkpoint(dir, "job-a", 40, T);
    Path restartedFresh = checkpoint(dir, "job-b", 3, T.plusSeconds(5));

    assertThat(RetainedCheckpoints.latestCompleted(dir)).contains(restartedFresh);
  }

  @Test
  void shouldBreakATieOnTimeByTheHigherNumber(@TempDir Path dir) throws IOException {
    checkpoint(dir, "job-a", 11, T);
    Path higher = checkpoint(dir, "job-a", 12, T);
    checkpoint(dir, "job-a", 9, T);

    assertThat(RetainedCheckpoints.latestCompleted(dir)).contains(higher);
  }

  @Test
  void shouldAlsoFindCheckpointsDirectlyInTheDirectoryButNotOtherMetadata(@TempDir Path dir)
      throws IOException {
    Path direct = Files.createDirectories(dir.resolve("chk-3"));
    touch(direct.resolve(RetainedCheckpoints.METADATA), T);
    // A savepoint's metadata, a _metadata directory and a deeper chk are not checkpoints here.
    Path savepoint = Files.createDirectories(dir.resolve("savepoint-1a2b3c-0123456789ab"));
    touch(savepoint.resolve(RetainedCheckpoints.METADATA), T.plusSeconds(100));
    Files.createDirectories(dir.resolve("job-a").resolve("chk-4").resolve("_metadata"));
    Path deep = Files.createDirectories(dir.resolve("x").resolve("job-a").resolve("chk-5"));
    touch(deep.resolve(RetainedCheckpoints.METADATA), T.plusSeconds(100));

    assertThat(RetainedCheckpoints.latestCompleted(dir)).contains(direct);
  }

  private static Path checkpoint(Path dir, String job, int n, Instant written) throws IOException {
    Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
    Files.writeString(chk.resolve("a1b2c3-state"), "state");
    touch(chk.resolve(RetainedCheckpoints.METADATA), written);
    return chk;
  }

  private static void touch(Path file, Instant modified) throws IOException {
    Files.writeString(file, "metadata");
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
