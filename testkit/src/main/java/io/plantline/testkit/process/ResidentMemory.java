package io.plantline.testkit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from {@code /proc/<pid>/status}. */
public final class ResidentMemory {
  private ResidentMemory() {}

  /** VmRSS of the process in bytes, or -1 when it is gone or the platform has no /proc. */
  public static long ofPid(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) * 1024;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident memory of this JVM. */
  public static long ofThisProcess() {
    return ofPid(ProcessHandle.current().pid());
  }
}
