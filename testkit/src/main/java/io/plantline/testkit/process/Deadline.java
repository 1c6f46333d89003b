package io.plantline.testkit.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, the deadline passes, or the server process dies. */
public final class Deadline {
  private Deadline() {}

  /**
   * Waits until {@code ready} is true. Fails with the server's log tail if {@code process} exits or
   * the timeout passes.
   */
  public static void await(
      String what, Duration timeout, ChildProcess process, BooleanSupplier ready) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (process != null && !process.isAlive()) {
        throw new ServerStartException(
            process.name()
                + " exited with code "
                + process.exitValue()
                + " while waiting for "
                + what
                + "; log "
                + process.logFile()
                + ":\n"
                + process.logTail(40));
      }
      if (System.nanoTime() > end) {
        String log = process == null ? "" : "; log tail:\n" + process.logTail(40);
        throw new ServerStartException("timed out after " + timeout + " waiting for " + what + log);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerStartException("interrupted while waiting for " + what);
      }
    }
  }

  /** Whether something accepts TCP connections on the loopback port. */
  public static boolean portOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
