package io.plantline.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The gateway image as Jib wrote it (OCI image layout in a tarball): reference and tag, labels,
 * non-root user, entrypoint on the bundled runtime, and a file system that holds that runtime, the
 * libraries it loads and the gateway's jars. Where the test runs as root it also unpacks the image
 * and runs the gateway's --help in it (chroot, as user 65532), which proves the image runs with
 * nothing from the host.
 */
class GatewayImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldBuildANonRootVersionedImageThatCarriesItsOwnJava() throws Exception {
    Path tarball = Path.of(System.getProperty("image.tarball"));
    Map<String, byte[]> entries = TarReader.read(Files.newInputStream(tarball), false);
    JsonNode index = JSON.readTree(entries.get("index.json"));
    JsonNode descriptor = index.path("manifests").get(0);
    assertThat(descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText())
        .as("Jib writes Docker Hub references without their docker.io/ prefix")
        .isEqualTo(System.getProperty("image.expected.ref").replaceFirst("^docker\\.io/", ""));
    JsonNode manifest = JSON.readTree(entries.get(blob(descriptor.path("digest").asText())));
    assertThat(manifest.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    JsonNode config =
        JSON.readTree(entries.get(blob(manifest.path("config").path("digest").asText())))
            .path("config");
    assertThat(config.path("User").asText()).isEqualTo(System.getProperty("image.expected.user"));
    assertThat(config.path("User").asText()).doesNotStartWith("0").isNotEqualTo("root");
    assertThat(config.path("Labels").path("org.opencontainers.image.version").asText())
        .isEqualTo(System.getProperty("image.expected.version"));
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint)
        .startsWith("/opt/jre/bin/java")
        .endsWith(System.getProperty("image.expected.mainClass"));

    Map<String, byte[]> files = new HashMap<>();
    long compressed = 0;
    for (JsonNode layer : manifest.path("layers")) {
      byte[] gz = entries.get(blob(layer.path("digest").asText()));
      compressed += gz.length;
      files.putAll(TarReader.read(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)), true));
    }
    assertThat(files)
        .containsKeys(
            "opt/jre/bin/java",
            "opt/jre/lib/server/libjvm.so",
            "lib64/ld-linux-x86-64.so.2",
            "lib/x86_64-linux-gnu/libc.so.6",
            "app/jib-classpath-file");
    assertThat(files.keySet()).anyMatch(f -> f.matches("app/libs/edge-gateway-.*\\.jar"));
    System.out.printf(
        "edge-gateway image: tarball %.1f MiB, layers %.1f MiB compressed, %d files%n",
        Files.size(tarball) / 1048576.0, compressed / 1048576.0, files.size());

    if ("root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/sbin/chroot"))) {
      runInImage(manifest, entries);
    }
  }

  private static void runInImage(JsonNode manifest, Map<String, byte[]> entries) throws Exception {
    Path root = Files.createTempDirectory("gateway-image");
    // The image's root is world-readable, like a container's; a temp directory is 0700.
    Files.setPosixFilePermissions(
        root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    for (JsonNode layer : manifest.path("layers")) {
      Path gz =
          Files.write(
              root.resolveSibling(root.getFileName() + ".layer"),
              entries.get(blob(layer.path("digest").asText())));
      exec(List.of("tar", "-xzf", gz.toString(), "-C", root.toString()));
      Files.delete(gz);
    }
    Files.createDirectories(root.resolve("proc"));
    String out =
        exec(
            List.of(
                "unshare",
                "-f",
                "-p",
                "-m",
                "--mount-proc=" + root.resolve("proc"),
                "chroot",
                "--userspec=65532:65532",
                root.toString(),
                "/opt/jre/bin/java",
                "-cp",
                "@/app/jib-classpath-file",
                System.getProperty("image.expected.mainClass"),
                "--help"));
    assertThat(out).contains("Usage: plantline gateway").contains("--config");
    exec(List.of("rm", "-rf", root.toString()));
  }

  private static String exec(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  private static String blob(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  /** A minimal ustar/pax reader: regular files by path (no links needed here). */
  static final class TarReader {
    static Map<String, byte[]> read(InputStream in, boolean namesOnlyForLargeFiles)
        throws IOException {
      Map<String, byte[]> files = new HashMap<>();
      try (in) {
        String paxName = null;
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
          String name = field(header, 0, 100);
          String prefix = field(header, 345, 155);
          if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
          }
          long size =
              Long.parseLong(
                  field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
          char type = (char) header[156];
          byte[] data = in.readNBytes((int) size);
          in.skipNBytes((512 - size % 512) % 512);
          if (type == 'x') {
            for (String record : new String(data).split("\n")) {
              int eq = record.indexOf(" path=");
              if (eq >= 0) {
                paxName = record.substring(eq + 6);
              }
            }
            continue;
          }
          if (paxName != null) {
            name = paxName;
            paxName = null;
          }
          name =
              name.startsWith("./")
                  ? name.substring(2)
                  : name.startsWith("/") ? name.substring(1) : name;
          if (type == '0' || type == 0) {
            files.put(name, namesOnlyForLargeFiles && size > 65536 ? new byte[0] : data);
          }
        }
      }
      return files;
    }

    private static String field(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
