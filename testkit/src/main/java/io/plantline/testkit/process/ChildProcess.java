package io.plantline.testkit.process;

import io.plantline.testkit.bench.ProcessCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process that the testkit started: its PID, its log file, a stop that escalates from
 * SIGTERM to SIGKILL, and SIGSTOP/SIGCONT to freeze it. Only processes we started are ever
 * signalled, always by their own PID.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

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

  /** CPU time (user + system) the process used so far in seconds, or -1 once it is gone. */
  public double cpuSeconds() {
    try {
      return ProcessCpu.seconds(pid());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Freezes the process with SIGSTOP, as a long GC pause or a frozen VM would: it keeps its ports,
   * connections and memory but runs no code, so requests to it time out. Returns once the kernel
   * reports it stopped. {@link #resume()} lets it run again.
   *
   * @throws IllegalStateException if the process has exited
   */
  public void suspend() {
    signal("STOP");
    awaitSuspended(true);
  }

  /**
   * Lets a process frozen by {@link #suspend()} run again (SIGCONT). Harmless on a running process.
   *
   * @throws IllegalStateException if the process has exited
   */
  public void resume() {
    signal("CONT");
    awaitSuspended(false);
  }

  /** Whether the kernel reports the process stopped by a signal (state {@code T}). */
  public boolean isSuspended() {
    return state() == 'T';
  }

  /** The state letter of {@code /proc/<pid>/stat} (R, S, D, T, Z, ...), {@code ?} once gone. */
  private char state() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(") ") + 2);
    } catch (IOException | RuntimeException e) {
      return '?';
    }
  }

  private void awaitSuspended(boolean suspended) {
    long end = System.nanoTime() + SIGNAL_TIMEOUT.toNanos();
    while (process.isAlive() && isSuspended() != suspended) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            this + " is still " + (suspended ? "running" : "stopped") + " after " + SIGNAL_TIMEOUT);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Sends a signal with {@code kill(1)}: Java 17 can only send SIGTERM and SIGKILL itself. */
  private void signal(String signal) {
    if (!process.isAlive()) {
      throw new IllegalStateException(this + " is not running, cannot send SIG" + signal);
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + out.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal + " " + pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + this, e);
    }
  }

  /** Kills the process at once with SIGKILL, as a crash or power loss would end it. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ProcessRegistry.forget(this);
  }

  /**
   * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL) and any
   * process it left behind. A suspended process is resumed first, or it could not act on SIGTERM.
   */
  public void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      resumeIfSuspended();
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

  private void resumeIfSuspended() {
    try {
      if (isSuspended()) {
        resume();
      }
    } catch (RuntimeException e) {
      // It exited meanwhile, or kill(1) failed: SIGKILL after the grace period still ends it.
    }
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
