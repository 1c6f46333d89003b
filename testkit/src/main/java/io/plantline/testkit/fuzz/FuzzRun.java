package io.plantline.testkit.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one fuzzing run of a target did.
 *
 * @param target the fuzz target class
 * @param runs inputs executed (libFuzzer's count)
 * @param elapsed wall-clock time of the run
 * @param findings inputs that crashed, hung or ran out of memory (libFuzzer's artifacts)
 * @param exitCode the driver's exit status (0 without findings)
 * @param log the driver's output
 */
public record FuzzRun(
    String target, long runs, Duration elapsed, List<Path> findings, int exitCode, Path log) {

  /** Whether the run ended without a finding. */
  public boolean clean() {
    return findings.isEmpty() && exitCode == 0;
  }

  /** One line for a report. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %,d inputs in %.1f s (%,.0f/s), %s",
        target,
        runs,
        elapsed.toMillis() / 1000.0,
        runs / Math.max(0.001, elapsed.toMillis() / 1000.0),
        clean()
            ? "no finding"
            : findings.size() + " finding(s), exit " + exitCode + ", log " + log);
  }
}
