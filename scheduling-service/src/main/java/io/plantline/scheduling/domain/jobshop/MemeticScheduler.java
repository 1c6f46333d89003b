package io.plantline.scheduling.domain.jobshop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A memetic genetic algorithm for the job shop.
 *
 * <ul>
 *   <li>Chromosome: a priority list of operations (a permutation), decoded by Giffler–Thompson into
 *       an active schedule ({@link ActiveScheduleDecoder}).
 *   <li>Crossover: POX, precedence-preserving order-based crossover: the operations of a random
 *       subset of jobs keep their places from the first parent, the others follow the second
 *       parent's order, so each job's relative order is inherited.
 *   <li>Mutation: one operation moved to another place in the list.
 *   <li>Local search: every child is improved by {@link TabuSearch} on its critical path, and the
 *       improvement is written back into its chromosome (Lamarckian learning: the list becomes the
 *       operations in order of their improved start times).
 *   <li>Selection and replacement: binary tournaments; a child replaces the worst individual if it
 *       is no worse and not already in the population (elitism: the best is never replaced by a
 *       worse one); after a stagnation period all but the elite are re-seeded.
 * </ul>
 *
 * <p>Children of a generation are independent and are made in parallel; each has its own random
 * stream derived from (seed, generation, child), and they are merged in child order, so a
 * generation limit gives the same result for any thread count.
 */
public final class MemeticScheduler {
  private final SolverSettings settings;

  /** A scheduler with these settings. */
  public MemeticScheduler(SolverSettings settings) {
    this.settings = settings;
  }

  /** Solves a problem within the settings' limits. */
  public SolverResult solve(JobShop shop) {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            settings.threads(),
            task -> {
              Thread thread = new Thread(task, "jobshop-ga-" + shop.name());
              thread.setDaemon(true);
              return thread;
            });
    try {
      return new Run(shop, workers).execute();
    } finally {
      workers.shutdownNow();
    }
  }

  /** One individual: its priority list, its improved schedule and the schedule's fingerprint. */
  private record Individual(int[] priorityList, MachineSequences sequences, long fingerprint) {
    int makespan() {
      return sequences.makespan();
    }
  }

  /** Decoder and local search owned by one worker thread. */
  private static final class Worker {
    final ActiveScheduleDecoder decoder;
    final TabuSearch tabuSearch;

    Worker(JobShop shop) {
      this.decoder = new ActiveScheduleDecoder(shop);
      this.tabuSearch = new TabuSearch(shop);
    }
  }

  private final class Run {
    private final JobShop shop;
    private final ExecutorService workers;
    private final ThreadLocal<Worker> worker;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final List<Worker> allWorkers =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger children = new AtomicInteger();
    private final int lowerBound;
    private Individual[] population;
    private Individual best;
    private long bestFoundNanos;

    Run(JobShop shop, ExecutorService workers) {
      this.shop = shop;
      this.workers = workers;
      this.worker =
          ThreadLocal.withInitial(
              () -> {
                Worker w = new Worker(shop);
                allWorkers.add(w);
                return w;
              });
      this.deadlineNanos = startNanos + settings.timeBudget().toNanos();
      this.lowerBound = shop.lowerBound();
    }

    SolverResult execute() {
      int size = settings.populationSize();
      population =
          inParallel(
              size,
              i ->
                  () -> {
                    SplittableRandom random = randomFor(0, i);
                    int[] rank =
                        switch (i) {
                          case 0 -> DispatchingRule.MWKR.rank(shop);
                          case 1 -> DispatchingRule.SPT.rank(shop);
                          default -> ActiveScheduleDecoder.rankOf(shuffled(random));
                        };
                    return improve(rank, random);
                  });
      for (Individual individual : population) {
        offerBest(individual);
      }
      int generation = 0;
      int sinceBest = 0;
      while (generation < settings.maxGenerations()
          && System.nanoTime() - deadlineNanos < 0
          && best.makespan() > lowerBound) {
        generation++;
        int g = generation;
        Individual[] parents = population;
        Individual[] offspring =
            inParallel(
                settings.offspringPerGeneration(),
                i ->
                    () -> {
                      SplittableRandom random = randomFor(g, i);
                      return improve(child(parents, random), random);
                    });
        boolean improved = false;
        for (Individual child : offspring) {
          improved |= offerBest(child);
          replaceWorst(child);
        }
        sinceBest = improved ? 0 : sinceBest + 1;
        if (sinceBest >= settings.restartAfter()) {
          restart(g);
          sinceBest = 0;
        }
      }
      long iterations = 0;
      synchronized (allWorkers) {
        for (Worker w : allWorkers) {
          iterations += w.tabuSearch.iterations();
        }
      }
      Schedule schedule = best.sequences().toSchedule();
      List<String> violations = schedule.violations();
      if (!violations.isEmpty()) {
        throw new IllegalStateException(
            "solver produced an infeasible schedule: " + violations.get(0));
      }
      return new SolverResult(
          schedule,
          lowerBound,
          generation,
          children.get(),
          iterations,
          Duration.ofNanos(System.nanoTime() - startNanos),
          Duration.ofNanos(bestFoundNanos - startNanos));
    }

    private int[] child(Individual[] parents, SplittableRandom random) {
      Individual first = tournament(parents, random);
      Individual second = tournament(parents, random);
      int[] list =
          first == second
              ? first.priorityList().clone()
              : crossover(first.priorityList(), second.priorityList(), random);
      mutate(list, random);
      return ActiveScheduleDecoder.rankOf(list);
    }

    private Individual improve(int[] rank, SplittableRandom random) {
      children.incrementAndGet();
      Worker w = worker.get();
      MachineSequences start = MachineSequences.of(w.decoder.decode(rank));
      MachineSequences improved =
          w.tabuSearch.improve(start, settings.tabuNonImproving(), deadlineNanos, random);
      int[] list = improved.toSchedule().operationsByStart();
      return new Individual(list, improved, fingerprint(improved));
    }

    /**
     * POX: jobs of a random subset keep their places from {@code first}; the rest follow {@code
     * second}.
     */
    private int[] crossover(int[] first, int[] second, SplittableRandom random) {
      boolean[] kept = new boolean[shop.jobCount()];
      int keptCount = 0;
      for (int j = 0; j < kept.length; j++) {
        kept[j] = random.nextBoolean();
        keptCount += kept[j] ? 1 : 0;
      }
      if (keptCount == 0 || keptCount == kept.length) {
        int j = random.nextInt(kept.length);
        kept[j] = !kept[j];
      }
      int[] child = new int[first.length];
      int from = 0;
      for (int i = 0; i < first.length; i++) {
        if (kept[shop.jobOf(first[i])]) {
          child[i] = first[i];
          continue;
        }
        while (kept[shop.jobOf(second[from])]) {
          from++;
        }
        child[i] = second[from++];
      }
      return child;
    }

    /** Moves one operation to another place in the list. */
    private void mutate(int[] list, SplittableRandom random) {
      int from = random.nextInt(list.length);
      int to = random.nextInt(list.length);
      int moved = list[from];
      if (from < to) {
        System.arraycopy(list, from + 1, list, from, to - from);
      } else {
        System.arraycopy(list, to, list, to + 1, from - to);
      }
      list[to] = moved;
    }

    private Individual tournament(Individual[] parents, SplittableRandom random) {
      Individual a = parents[random.nextInt(parents.length)];
      Individual b = parents[random.nextInt(parents.length)];
      return a.makespan() <= b.makespan() ? a : b;
    }

    private boolean offerBest(Individual candidate) {
      if (best == null || candidate.makespan() < best.makespan()) {
        best = candidate;
        bestFoundNanos = System.nanoTime();
        return true;
      }
      return false;
    }

    private void replaceWorst(Individual child) {
      int worst = 0;
      for (int i = 0; i < population.length; i++) {
        if (population[i].fingerprint() == child.fingerprint()) {
          return; // already there: keep the population diverse
        }
        if (population[i].makespan() > population[worst].makespan()) {
          worst = i;
        }
      }
      if (child.makespan() <= population[worst].makespan()) {
        Individual[] next = population.clone();
        next[worst] = child;
        population = next;
      }
    }

    /** Keeps the elite and re-seeds the rest with random individuals. */
    private void restart(int generation) {
      Individual[] sorted = population.clone();
      Arrays.sort(sorted, (a, b) -> Integer.compare(a.makespan(), b.makespan()));
      int elite = Math.max(1, sorted.length / 10);
      Individual[] fresh =
          inParallel(
              sorted.length - elite,
              i ->
                  () -> {
                    SplittableRandom random = randomFor(generation, -1 - i);
                    return improve(ActiveScheduleDecoder.rankOf(shuffled(random)), random);
                  });
      Individual[] next = new Individual[sorted.length];
      System.arraycopy(sorted, 0, next, 0, elite);
      System.arraycopy(fresh, 0, next, elite, fresh.length);
      population = next;
      for (Individual individual : fresh) {
        offerBest(individual);
      }
    }

    private int[] shuffled(SplittableRandom random) {
      int[] list = new int[shop.operationCount()];
      for (int i = 0; i < list.length; i++) {
        list[i] = i;
      }
      for (int i = list.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = list[i];
        list[i] = list[j];
        list[j] = t;
      }
      return list;
    }

    private SplittableRandom randomFor(int generation, int child) {
      long mixed = settings.seed() * 0x9E3779B97F4A7C15L + generation * 0xBF58476D1CE4E5B9L + child;
      return new SplittableRandom(mixed);
    }

    private Individual[] inParallel(int count, IntFunction<Callable<Individual>> task) {
      List<Callable<Individual>> tasks = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tasks.add(task.apply(i));
      }
      try {
        List<Future<Individual>> futures = workers.invokeAll(tasks);
        Individual[] results = new Individual[count];
        for (int i = 0; i < count; i++) {
          results[i] = futures.get(i).get();
        }
        return results;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("scheduling interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException("scheduling failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** A hash of the machine sequences: equal schedules have equal fingerprints. */
  private static long fingerprint(MachineSequences sequences) {
    long hash = 1125899906842597L;
    for (int[] sequence : sequences.sequences()) {
      for (int o : sequence) {
        hash = 31 * hash + o;
      }
      hash = 31 * hash - 1;
    }
    return hash;
  }
}
