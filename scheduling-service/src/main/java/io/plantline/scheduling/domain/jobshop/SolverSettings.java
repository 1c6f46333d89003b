package io.plantline.scheduling.domain.jobshop;

import java.time.Duration;

/**
 * How hard {@link MemeticScheduler} works.
 *
 * @param seed seeds every random choice; same seed, problem and generation limit give the same
 *     schedule whatever the number of threads
 * @param timeBudget stop at the first generation boundary after this; a time stop depends on the
 *     machine's speed, so only a generation limit is reproducible
 * @param maxGenerations stop after this many generations
 * @param populationSize individuals kept
 * @param offspringPerGeneration children made (in parallel) per generation
 * @param tabuNonImproving local-search iterations without improvement before a child is done
 * @param restartAfter generations without a new best after which all but the elite are replaced
 * @param threads worker threads (children are independent, so this is the parallelism)
 */
public record SolverSettings(
    long seed,
    Duration timeBudget,
    int maxGenerations,
    int populationSize,
    int offspringPerGeneration,
    int tabuNonImproving,
    int restartAfter,
    int threads) {

  /** Validates the settings, naming the wrong one. */
  public SolverSettings {
    if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget must be positive");
    }
    positive("maxGenerations", maxGenerations);
    if (populationSize < 2) {
      throw new IllegalArgumentException("populationSize must be at least 2");
    }
    positive("offspringPerGeneration", offspringPerGeneration);
    positive("tabuNonImproving", tabuNonImproving);
    positive("restartAfter", restartAfter);
    positive("threads", threads);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** The defaults used by the service and the benchmark, with a seed and a time budget. */
  public static SolverSettings defaults(long seed, Duration timeBudget) {
    return new SolverSettings(
        seed,
        timeBudget,
        Integer.MAX_VALUE,
        30,
        Runtime.getRuntime().availableProcessors() * 2,
        2_000,
        40,
        Runtime.getRuntime().availableProcessors());
  }

  /** The same settings with another generation limit. */
  public SolverSettings withMaxGenerations(int generations) {
    return new SolverSettings(
        seed,
        timeBudget,
        generations,
        populationSize,
        offspringPerGeneration,
        tabuNonImproving,
        restartAfter,
        threads);
  }

  /** The same settings with another thread count. */
  public SolverSettings withThreads(int count) {
    return new SolverSettings(
        seed,
        timeBudget,
        maxGenerations,
        populationSize,
        offspringPerGeneration,
        tabuNonImproving,
        restartAfter,
        count);
  }
}
