package io.plantline.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a Java main class in its own JVM, on a class path resolved by Maven at build time. */
public final class ForkedJvm {
  private ForkedJvm() {}

  /**
   * The class path of a forked server, written by a {@code testkit-runtime-*} module into {@code
   * plantline/runtime/<name>.classpath}.
   */
  public static String classpathResource(String name) {
    String resource = "plantline/runtime/" + name + ".classpath";
    try (InputStream in = ForkedJvm.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "class path resource " + resource + " is missing: build testkit-runtime/" + name);
      }
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (classpath.isEmpty()) {
        throw new IllegalStateException("class path resource " + resource + " is empty");
      }
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java executable of the running JVM, so forks use the same Java version. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public static ChildProcess start(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path workDir,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return ProcessLauncher.start(name, command, workDir, logFile, Map.of());
  }
}
