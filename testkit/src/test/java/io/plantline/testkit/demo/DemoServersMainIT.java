package io.plantline.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.process.ForkedJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo exactly as {@code ./plantline demo} does (same main class, same class path file),
 * then stops it with SIGTERM, as Ctrl-C would, and checks that none of its server processes is
 * left.
 */
class DemoServersMainIT {
  private Process demo;

  @AfterEach
  void killDemoIfStillRunning() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void shouldStartAllFiveServersAndLeaveNoProcessAfterSigterm(@TempDir Path dir) throws Exception {
    String classpath =
        "target/classes:" + Files.readString(Path.of("target/runtime.classpath")).trim();
    Path credentials = dir.resolve("credentials.properties");
    demo =
        new ProcessBuilder(
                ForkedJvm.javaExecutable(),
                "-Xmx1g",
                "-Dlog4j2.configurationFile=classpath:io/plantline/testkit/demo/log4j2-demo.xml",
                "-cp",
                classpath,
                DemoServersMain.class.getName(),
                "--credentials-file",
                credentials.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(demo, output), "demo-output");
    reader.setDaemon(true);
    reader.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (output.stream().noneMatch(l -> l.startsWith(DemoServersMain.READY_LINE))
        && demo.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(output).as("demo output").anyMatch(l -> l.startsWith(DemoServersMain.READY_LINE));
    List<ProcessHandle> servers = demo.descendants().toList();
    assertThat(servers)
        .as("kafka, cassandra and mosquitto run as child processes")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", output))
        .contains("kafka", "mosquitto", "cassandra", "questdb", "flink");
    assertThat(Files.getPosixFilePermissions(credentials).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");

    demo.destroy(); // SIGTERM, as Ctrl-C or a service manager sends
    assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("demo exits after SIGTERM").isTrue();

    assertThat(servers).as("no server process outlives the demo").noneMatch(ProcessHandle::isAlive);
    assertThat(output)
        .anyMatch(l -> l.contains("stopped kafka"))
        .anyMatch(l -> l.contains("stopped cassandra"));
  }

  private static void readLines(Process process, List<String> sink) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        sink.add(line);
      }
    } catch (java.io.IOException e) {
      sink.add("(output closed: " + e.getMessage() + ")");
    }
  }
}
