package io.plantline.testkit;

import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.WorkDirectory;
import java.nio.file.Path;
import java.time.Duration;

/** A server running in a process of its own, with a temporary directory for its data and logs. */
public abstract class ForkedServer implements EmbeddedServer {
  private final Path workDir;
  private volatile ChildProcess process;
  private final Duration startupTime;
  private final Duration stopGrace;

  protected ForkedServer(
      Path workDir, ChildProcess process, Duration startupTime, Duration stopGrace) {
    this.workDir = workDir;
    this.process = process;
    this.startupTime = startupTime;
    this.stopGrace = stopGrace;
  }

  /** The current process (a server may be stopped and started again on the same port). */
  protected ChildProcess process() {
    return process;
  }

  /** The server's temporary directory: its configuration, data and log. */
  protected Path workDir() {
    return workDir;
  }

  protected void replaceProcess(ChildProcess next) {
    this.process = next;
  }

  /** The server's log (stdout and stderr of its process). */
  public Path logFile() {
    return process.logFile();
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public long residentBytes() {
    return process.residentBytes();
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /** SIGTERM, SIGKILL after the grace period, then the temporary directory is deleted. */
  @Override
  public void close() {
    process.stop(stopGrace);
    WorkDirectory.delete(workDir);
  }
}
