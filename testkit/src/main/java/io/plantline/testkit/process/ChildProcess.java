package io.plantline.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process that the testkit started: its PID, its log file, and a stop that escalates from
 * SIGTERM to SIGKILL. Only processes we started are ever signalled, always by their own PID.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;

  ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** Exit code once the process ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** The last lines of the log, for error messages when a server fails to start. */
  public String logTail(int lines) {
    try {
      if (!Files.exists(logFile)) {
        return "(no log at " + logFile + ")";
      }
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Resident memory in bytes as the kernel reports it (VmRSS), or -1 once the process is gone. */
  public long residentBytes() {
    return ResidentMemory.ofPid(pid());
  }

  /** Kills the process at once with SIGKILL, as a crash or power loss would end it. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL) and any
   * process it left behind.
   */
  public void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    ProcessRegistry.forget(this);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  @Override
  public String toString() {
    return name + "(pid " + pid() + ")";
  }
}
