package io.plantline.testkit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Starts server processes so that none outlives this JVM.
 *
 * <p>Each child is wrapped in {@code setpriv --pdeathsig TERM}: the kernel sends it SIGTERM when
 * the thread that spawned it dies. All spawns therefore happen on one thread that lives as long as
 * the JVM, so the signal fires exactly when the JVM dies, even by SIGKILL. A shutdown hook stops
 * children on a normal exit, Ctrl-C or SIGTERM.
 */
public final class ProcessLauncher {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final ExecutorService SPAWNER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "plantline-process-spawner");
            t.setDaemon(true);
            return t;
          });

  private ProcessLauncher() {}

  /** Whether children die with this JVM even when it is killed (needs util-linux setpriv). */
  public static boolean parentDeathSignalAvailable() {
    return Files.isExecutable(SETPRIV);
  }

  /**
   * Starts {@code command} in {@code workDir} with stdout and stderr appended to {@code logFile}.
   */
  public static ChildProcess start(
      String name, List<String> command, Path workDir, Path logFile, Map<String, String> env) {
    return start(name, command, workDir, logFile, env, null);
  }

  /**
   * Starts {@code command} like {@link #start(String, List, Path, Path, Map)}, but its output goes
   * through a pipe and only the lines {@code keep} accepts are appended to {@code logFile} (for a
   * server whose only log level with the lines we need is a chatty one). The copying thread ends
   * when the process closes its output.
   */
  public static ChildProcess startFiltered(
      String name,
      List<String> command,
      Path workDir,
      Path logFile,
      Map<String, String> env,
      Predicate<String> keep) {
    return start(name, command, workDir, logFile, env, keep);
  }

  private static ChildProcess start(
      String name,
      List<String> command,
      Path workDir,
      Path logFile,
      Map<String, String> env,
      Predicate<String> keep) {
    List<String> full = new ArrayList<>();
    if (parentDeathSignalAvailable()) {
      full.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                keep == null
                    ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                    : ProcessBuilder.Redirect.PIPE)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Future<Process> spawned = SPAWNER.submit(builder::start);
    try {
      Process process = spawned.get();
      if (keep != null) {
        copyLines(name, process, logFile, keep);
      }
      ChildProcess child = new ChildProcess(name, process, logFile);
      ProcessRegistry.remember(child);
      return child;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException("cannot start " + name + ": " + io.getMessage(), io);
      }
      throw new IllegalStateException("cannot start " + name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
  }

  private static void copyLines(
      String name, Process process, Path logFile, Predicate<String> keep) {
    Thread copier =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  Writer out =
                      Files.newBufferedWriter(
                          logFile,
                          StandardCharsets.UTF_8,
                          StandardOpenOption.CREATE,
                          StandardOpenOption.APPEND)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (keep.test(line)) {
                    out.write(line);
                    out.write('\n');
                    if (!in.ready()) {
                      out.flush();
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended or the log is gone: nothing more to copy
              }
            },
            name + "-log");
    copier.setDaemon(true);
    copier.start();
  }
}
