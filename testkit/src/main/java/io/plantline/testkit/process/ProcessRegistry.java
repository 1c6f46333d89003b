package io.plantline.testkit.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every child process the testkit started in this JVM, so a shutdown hook can stop whatever a test
 * or the demo failed to close (Ctrl-C, SIGTERM, a test that threw). Stops run newest first.
 */
final class ProcessRegistry {
  private static final Deque<ChildProcess> LIVE = new ArrayDeque<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessRegistry::stopAll, "plantline-child-process-reaper"));
  }

  private ProcessRegistry() {}

  static synchronized void remember(ChildProcess child) {
    LIVE.push(child);
  }

  static synchronized void forget(ChildProcess child) {
    LIVE.remove(child);
  }

  private static void stopAll() {
    List<ChildProcess> toStop;
    synchronized (ProcessRegistry.class) {
      toStop = new ArrayList<>(LIVE);
    }
    for (ChildProcess child : toStop) {
      child.stop(Duration.ofSeconds(15));
    }
  }
}
