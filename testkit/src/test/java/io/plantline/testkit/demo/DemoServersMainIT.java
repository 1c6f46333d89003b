package io.plantline.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.process.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the servers exactly as {@code ./plantline servers} does (same main class, same class path
 * file), then stops it with SIGTERM, as Ctrl-C would, and checks that none of its server processes
 * is left.
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
    Path log = dir.resolve("demo.log");
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
            .redirectOutput(log.toFile())
            .start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!readyLineIn(log) && demo.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<String> output = Files.readAllLines(log);
    assertThat(output).as("demo output").anyMatch(l -> l.startsWith(DemoServersMain.READY_LINE));
    List<ProcessHandle> servers = demo.descendants().toList();
    assertThat(servers)
        .as("kafka, cassandra and mosquitto run as child processes")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", output))
        .contains("kafka", "mosquitto", "cassandra", "questdb", "flink");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
        .as("demo logins are readable by their owner only")
        .isEqualTo("rw-------");

    demo.destroy(); // SIGTERM, as Ctrl-C or a service manager sends
    assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("demo exits after SIGTERM").isTrue();

    assertThat(servers).as("no server process outlives the demo").noneMatch(ProcessHandle::isAlive);
    assertThat(Files.readAllLines(log))
        .as("the demo reports each server it stopped")
        .anyMatch(l -> l.contains("stopped kafka"))
        .anyMatch(l -> l.contains("stopped cassandra"));
  }

  private static boolean readyLineIn(Path log) throws java.io.IOException {
    return Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(DemoServersMain.READY_LINE));
  }
}
