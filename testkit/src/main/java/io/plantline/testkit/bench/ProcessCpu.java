package io.plantline.testkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from {@code /proc/<pid>/stat} (Linux), for benchmarks' CPU figures. */
public final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {}

  /** utime + stime of the process, in clock ticks (100 per second on Linux). */
  public static long ticks(long pid) throws IOException {
    String[] fields =
        Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ")[1].split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Cores used on average between two {@link #ticks} readings {@code seconds} apart. */
  public static double cores(long ticksBefore, long ticksAfter, double seconds) {
    return (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds;
  }
}
