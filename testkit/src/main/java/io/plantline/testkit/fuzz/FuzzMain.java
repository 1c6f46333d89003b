package io.plantline.testkit.fuzz;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The long fuzzing run: {@code ./plantline fuzz MODULE TARGET_CLASS [--seconds N] [--seeds NAME]}
 * runs one target for as long as asked and prints what it found (findings stay in {@code
 * target/fuzz/<class>/findings}; only the files this run adds count). Exit status 1 when something
 * was found.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: FuzzMain TARGET_CLASS [--seconds N] [--seeds NAME] [--instrument GLOB]");
      System.exit(2);
    }
    Class<?> target = Class.forName(args[0]);
    long seconds = 600;
    String seeds = null;
    String instrument = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
        case "--seeds" -> seeds = args[i + 1];
        case "--instrument" -> instrument = args[i + 1];
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Path work = Path.of("target", "fuzz", target.getSimpleName());
    FuzzRun run =
        instrument == null
            ? Fuzzing.run(
                target,
                seeds == null ? null : Fuzzing.seeds(target, seeds),
                Duration.ofSeconds(seconds),
                work)
            : Fuzzing.run(
                target,
                seeds == null ? null : Fuzzing.seeds(target, seeds),
                Duration.ofSeconds(seconds),
                work,
                instrument);
    System.out.println(run.summary());
    run.findings().forEach(f -> System.out.println("  finding: " + f.toAbsolutePath()));
    System.exit(run.clean() ? 0 : 1);
  }
}
