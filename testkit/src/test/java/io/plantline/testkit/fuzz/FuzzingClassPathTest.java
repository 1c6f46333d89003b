package io.plantline.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fuzzing JVM runs in its own work directory: its class path must not be relative. */
class FuzzingClassPathTest {

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
