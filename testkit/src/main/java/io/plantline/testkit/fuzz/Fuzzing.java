package io.plantline.testkit.fuzz;

import io.plantline.testkit.process.ForkedJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a fuzz target under Jazzer (coverage-guided, libFuzzer) in a child JVM for a fixed time.
 *
 * <p>A target is a class with {@code public static void fuzzerTestOneInput(byte[] input)} that
 * feeds the input to the code under test and lets only the documented rejections of bad input
 * through; anything else it throws (or a hang, or running out of memory) is a finding. The run
 * starts from the seed inputs in {@code src/test/resources/fuzz/<name>/} of the target's module
 * (every finding fixed is copied there, so it is replayed first on every later run) and instruments
 * {@code io.plantline} classes plus the given extra packages for coverage.
 */
public final class Fuzzing {
  private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
  private static final Pattern STATS = Pattern.compile("stat::number_of_executed_units: (\\d+)");

  /**
   * Time added to the fuzzing time for the driver to start and instrument (libFuzzer counts from
   * its own start). 6 s: in the 11 s of a test's run the targets ran from 26,000 inputs (rule
   * files, the slowest) to 1.3 million here, far above each test's minimum.
   */
  static final Duration STARTUP = Duration.ofSeconds(6);

  private Fuzzing() {}

  /** The seed directory of a target on the test class path ({@code fuzz/<name>}), or null. */
  public static Path seeds(Class<?> target, String name) {
    var url = target.getClassLoader().getResource("fuzz/" + name);
    if (url == null) {
      return null;
    }
    try {
      return Path.of(url.toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fuzzes a target.
   *
   * @param target the target class, on this JVM's class path
   * @param seeds seed inputs, or null
   * @param duration how long to fuzz
   * @param workDir where the corpus, findings and log go
   * @param extraInstrumentation more package globs to instrument (e.g. {@code com.fasterxml.**})
   */
  public static FuzzRun run(
      Class<?> target,
      Path seeds,
      Duration duration,
      Path workDir,
      String... extraInstrumentation) {
    // The fuzzing JVM runs in the work directory: every path it is given must be absolute.
    workDir = workDir.toAbsolutePath();
    seeds = seeds == null ? null : seeds.toAbsolutePath();
    try {
      Files.createDirectories(workDir);
      Path corpus = Files.createDirectories(workDir.resolve("corpus"));
      Path findings = Files.createDirectories(workDir.resolve("findings"));
      Path log = workDir.resolve("jazzer.log");
      // A work directory keeps earlier runs' findings: only files this run writes are its own.
      List<Path> earlierFindings = findingFiles(findings);
      List<String> command = new ArrayList<>();
      command.add(ForkedJvm.javaExecutable());
      command.add("-Xmx768m");
      command.add("-cp");
      command.add(absoluteClassPath(System.getProperty("java.class.path")));
      command.add("com.code_intelligence.jazzer.Jazzer");
      command.add("--target_class=" + target.getName());
      command.add(
          "--instrumentation_includes="
              + String.join(
                  ":",
                  Stream.concat(Stream.of("io.plantline.**"), Stream.of(extraInstrumentation))
                      .toList()));
      command.add("--reproducer_path=" + findings);
      // libFuzzer counts from process start; instrumenting the classes takes 5-15 s on 2 cores
      command.add("-max_total_time=" + (Math.max(1, duration.toSeconds()) + STARTUP.toSeconds()));
      command.add("-timeout=60"); // a hang; the first inputs also load and instrument classes
      command.add("-rss_limit_mb=2048");
      command.add("-print_final_stats=1");
      command.add("-artifact_prefix=" + findings + "/");
      command.add(corpus.toString());
      if (seeds != null && Files.isDirectory(seeds)) {
        command.add(seeds.toString());
      }
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended =
          process.waitFor(duration.toSeconds() + STARTUP.toSeconds() + 120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(target.getName() + ": fuzzing did not end; log " + log);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String output = Files.readString(log);
      long runs = lastNumber(STATS, output);
      if (runs < 0) {
        runs = lastNumber(DONE, output);
      }
      List<Path> found =
          findingFiles(findings).stream().filter(f -> !earlierFindings.contains(f)).toList();
      return new FuzzRun(
          target.getName(), Math.max(0, runs), elapsed, found, process.exitValue(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fuzzing " + target.getName(), e);
    }
  }

  /** libFuzzer's artifacts in a findings directory: crashes, hangs, out-of-memory and leaks. */
  static List<Path> findingFiles(Path findings) throws IOException {
    try (Stream<Path> files = Files.list(findings)) {
      return files
          .filter(f -> f.getFileName().toString().matches("(crash|timeout|oom|leak)-.*"))
          .sorted()
          .toList();
    }
  }

  /**
   * Runs every seed input of a target in this JVM (the findings fixed before stay fixed); returns
   * how many ran. Deterministic and fast: the regression half of a fuzz test.
   */
  public static int replaySeeds(Class<?> target, String name) {
    Path seeds = seeds(target, name);
    if (seeds == null) {
      throw new IllegalStateException("no seed directory fuzz/" + name + " on the test class path");
    }
    java.lang.reflect.Method method;
    try {
      method = target.getMethod("fuzzerTestOneInput", byte[].class);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          target.getName() + " has no fuzzerTestOneInput(byte[])", e);
    }
    int count = 0;
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path file : files.sorted().toList()) {
        try {
          method.invoke(null, (Object) Files.readAllBytes(file));
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new AssertionError(
              "seed " + file.getFileName() + " fails: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  /**
   * The fixed-time half of a fuzz test: fuzzes for {@link #testDuration()} in a child JVM and fails
   * with the findings and the end of the log unless the run was clean and executed at least {@code
   * minimumRuns} inputs (so a broken harness cannot pass).
   */
  public static FuzzRun assertClean(
      Class<?> target,
      String name,
      Path workDir,
      long minimumRuns,
      String... extraInstrumentation) {
    FuzzRun run = run(target, seeds(target, name), testDuration(), workDir, extraInstrumentation);
    String tail;
    try {
      List<String> lines = Files.readAllLines(run.log());
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      tail = e.toString();
    }
    if (!run.clean()) {
      throw new AssertionError(run.summary() + "\n" + run.findings() + "\n" + tail);
    }
    if (run.runs() < minimumRuns) {
      throw new AssertionError(
          run.summary()
              + ": fewer than "
              + minimumRuns
              + " inputs ran; the harness is broken?\n"
              + tail);
    }
    System.out.println("fuzz " + run.summary());
    return run;
  }

  /**
   * Fuzzing time of the fixed-time runs in the tests: {@code -Dplantline.fuzz.seconds}, default 5.
   */
  public static Duration testDuration() {
    return Duration.ofSeconds(Long.getLong("plantline.fuzz.seconds", 5));
  }

  private static long lastNumber(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    long last = -1;
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  /**
   * The class path with every entry made absolute: the fuzzing JVM runs in its work directory, so
   * the relative entries of a command-line run ({@code ./plantline fuzz}) would point nowhere
   * there.
   */
  static String absoluteClassPath(String classPath) {
    return Stream.of(classPath.split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }
}
