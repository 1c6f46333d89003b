package io.plantline.deploy.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize} (offline) on a directory and returns the rendered YAML. */
public final class Kustomize {
  private Kustomize() {}

  /** The manifests directory (edge-deploy/k8s), passed by the build. */
  public static Path k8sDir() {
    return Path.of(System.getProperty("deploy.k8s.dir", "../k8s")).toAbsolutePath().normalize();
  }

  public static String build(Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process process =
          new ProcessBuilder(List.of("kubectl", "kustomize", dir.toString()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "kubectl kustomize "
                + dir
                + " failed: "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
