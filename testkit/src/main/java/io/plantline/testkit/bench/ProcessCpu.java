package io.plantline.testkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** CPU time of a process from {@code /proc/<pid>/stat} (Linux), for benchmarks' CPU figures. */
public final class ProcessCpu {
  private static final long DEFAULT_TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** utime + stime of the process, in clock ticks ({@link #ticksPerSecond()} per second). */
  public static long ticks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name in parentheses may itself contain spaces and parentheses.
    String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** utime + stime of the process in seconds. */
  public static double seconds(long pid) throws IOException {
    return (double) ticks(pid) / ticksPerSecond();
  }

  /** Cores used on average between two {@link #ticks} readings {@code seconds} apart. */
  public static double cores(long ticksBefore, long ticksAfter, double seconds) {
    return (double) (ticksAfter - ticksBefore) / ticksPerSecond() / seconds;
  }

  /** Clock ticks per second of {@code /proc} CPU times ({@code getconf CLK_TCK}, else 100). */
  public static long ticksPerSecond() {
    return ClockTicks.PER_SECOND;
  }

  /** Asks {@code getconf} once, on first use. */
  private static final class ClockTicks {
    static final long PER_SECOND = read();

    private static long read() {
      try {
        Process getconf =
            new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!getconf.waitFor(5, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
          return DEFAULT_TICKS_PER_SECOND;
        }
        long ticks = Long.parseLong(out.trim());
        return ticks > 0 ? ticks : DEFAULT_TICKS_PER_SECOND;
      } catch (IOException | RuntimeException e) {
        return DEFAULT_TICKS_PER_SECOND;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DEFAULT_TICKS_PER_SECOND;
      }
    }
  }
}
