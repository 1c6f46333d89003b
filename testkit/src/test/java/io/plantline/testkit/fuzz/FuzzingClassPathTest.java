package io.plantline.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing JVM runs in its own work directory: its class path must not be relative; and what
 * counts as a finding in the directory runs share.
 */
class FuzzingClassPathTest {

  @Test
  void shouldCountOnlyLibFuzzerArtifactsAsFindings(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    for (String name :
        java.util.List.of(
            "crash-0a1b",
            "timeout-2c3d",
            "oom-4e5f",
            "leak-6a7b",
            "Crash_0a1b.java",
            "jazzer.log")) {
      java.nio.file.Files.writeString(dir.resolve(name), "x");
    }
    assertThat(Fuzzing.findingFiles(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("crash-0a1b", "leak-6a7b", "oom-4e5f", "timeout-2c3d");
  }

  @Test
  void shouldMakeRelativeEntriesAbsoluteAndKeepAbsoluteOnes() {
    String cwd = Path.of("").toAbsolutePath().toString();
    String classPath =
        String.join(File.pathSeparator, "ingestion/target/classes", "/opt/lib/a.jar", "");
    assertThat(Fuzzing.absoluteClassPath(classPath).split(File.pathSeparator))
        .containsExactly(
            Path.of(cwd, "ingestion", "target", "classes").toString(), "/opt/lib/a.jar");
  }
}
