package io.plantline.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  @Test
  void shouldSuspendAndResumeAChildAndStopItWhileSuspended() {
    ChildProcess sleep = start("sleep", "sleep", "30");
    try {
      sleep.suspend();
      assertThat(procState(sleep.pid())).isEqualTo('T');
      assertThat(sleep.isSuspended()).isTrue();

      sleep.resume();
      assertThat(procState(sleep.pid())).isIn('R', 'S');
      assertThat(sleep.isSuspended()).isFalse();

      sleep.suspend();
      long begin = System.nanoTime();
      sleep.stop(Duration.ofSeconds(10));
      assertThat(Duration.ofNanos(System.nanoTime() - begin))
          .as("SIGTERM reaches a suspended child, no wait for SIGKILL")
          .isLessThan(Duration.ofSeconds(5));
      assertThat(sleep.isAlive()).isFalse();
      assertThat(sleep.exitValue()).as("ended by SIGTERM").isEqualTo(128 + 15);
      assertThatThrownBy(sleep::resume).isInstanceOf(IllegalStateException.class);
    } finally {
      sleep.kill();
    }
  }

  @Test
  void shouldCountCpuSecondsOnlyWhileTheChildRuns() throws Exception {
    ChildProcess busy = start("busy", "sh", "-c", "while :; do :; done");
    try {
      Deadline.await("CPU time", Duration.ofSeconds(10), busy, () -> busy.cpuSeconds() >= 0.05);

      busy.suspend();
      double frozen = busy.cpuSeconds();
      Thread.sleep(300);
      assertThat(busy.cpuSeconds()).as("no CPU while suspended").isEqualTo(frozen);

      busy.resume();
      Deadline.await(
          "more CPU time", Duration.ofSeconds(10), busy, () -> busy.cpuSeconds() > frozen);
    } finally {
      busy.stop(Duration.ofSeconds(5));
    }
    assertThat(busy.cpuSeconds()).as("gone").isEqualTo(-1);
  }

  private ChildProcess start(String name, String... command) {
    return ProcessLauncher.start(name, List.of(command), dir, dir.resolve(name + ".log"), Map.of());
  }

  private static char procState(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(") ") + 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
