package io.plantline.scheduling.bench;

import io.plantline.scheduling.domain.jobshop.DispatchingRule;
import io.plantline.scheduling.domain.jobshop.JobShop;
import io.plantline.scheduling.domain.jobshop.JobShopFormat;
import io.plantline.scheduling.domain.jobshop.MemeticScheduler;
import io.plantline.scheduling.domain.jobshop.Schedule;
import io.plantline.scheduling.domain.jobshop.SolverResult;
import io.plantline.scheduling.domain.jobshop.SolverSettings;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.bench.ProcessCpu;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The production scheduler on the classic job-shop instances, printed as a table: per instance the
 * known optimum, two dispatching-rule baselines (SPT and MWKR, Giffler–Thompson), and the memetic
 * GA with a fixed time budget, with the gap to the optimum and when the best was found; then the
 * mean gaps of the groups the aim is stated for. Every schedule is checked for feasibility.
 *
 * <pre>
 * ./plantline bench jssp [--budget-seconds 10] [--only 'la0[1-5]'] [--seed 1] [--threads N]
 *                        [--data ../shared/data/jsp]
 * </pre>
 */
public final class JobShopBench {
  private JobShopBench() {}

  /** One instance's line of the table. */
  private record Row(String name, int optimum, int spt, int mwkr, SolverResult ga) {
    double gap() {
      return 100.0 * (ga.makespan() - optimum) / optimum;
    }
  }

  public static void main(String[] args) throws IOException {
    BenchArgs options = new BenchArgs(args);
    Path data = Path.of(options.text("--data", "../shared/data/jsp"));
    int budgetSeconds = options.integer("--budget-seconds", 10);
    Pattern only = Pattern.compile(options.text("--only", ".*"));
    long seed = options.integer("--seed", 1);
    int threads = options.integer("--threads", Runtime.getRuntime().availableProcessors());
    JsonArray instances = new JsonArray(Files.readString(data.resolve("instances.json")));
    SolverSettings settings =
        SolverSettings.defaults(seed, Duration.ofSeconds(budgetSeconds)).withThreads(threads);

    System.out.printf(
        Locale.ROOT,
        "job-shop bench: memetic GA, %d s budget per instance, seed %d, %d threads on %d cores%n",
        budgetSeconds,
        seed,
        threads,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "%-6s %7s %7s %7s %7s %7s %7s %7s %6s %9s %10s %5s%n",
        "inst",
        "size",
        "optimum",
        "SPT",
        "MWKR",
        "GA",
        "gap%",
        "best@s",
        "time",
        "gens",
        "LS iter/s",
        "cores");
    List<Row> rows = new ArrayList<>();
    long pid = ProcessHandle.current().pid();
    for (int i = 0; i < instances.size(); i++) {
      JsonObject instance = instances.getJsonObject(i);
      String name = instance.getString("name");
      if (!only.matcher(name).matches()) {
        continue;
      }
      JobShop shop =
          JobShopFormat.parse(name, Files.readString(data.resolve(instance.getString("path"))));
      int optimum = instance.getInteger("optimum");
      int spt = checked(DispatchingRule.SPT.dispatch(shop));
      int mwkr = checked(DispatchingRule.MWKR.dispatch(shop));
      long ticksBefore = ProcessCpu.ticks(pid);
      SolverResult ga = new MemeticScheduler(settings).solve(shop);
      checked(ga.schedule());
      double seconds = ga.elapsed().toNanos() / 1e9;
      double cores = ProcessCpu.cores(ticksBefore, ProcessCpu.ticks(pid), seconds);
      Row row = new Row(name, optimum, spt, mwkr, ga);
      rows.add(row);
      System.out.printf(
          Locale.ROOT,
          "%-6s %7s %7d %7d %7d %7d %7.2f %7.2f %6.2f %9d %10.0f %5.2f%n",
          name,
          shop.jobCount() + "x" + shop.machineCount(),
          optimum,
          spt,
          mwkr,
          ga.makespan(),
          row.gap(),
          ga.bestFoundAfter().toNanos() / 1e9,
          seconds,
          ga.generations(),
          ga.localSearchIterations() / seconds,
          cores);
    }
    System.out.println();
    summary("la01-la20", rows, "la(0[1-9]|1[0-9]|20)", 1.0);
    summary("ft10+orb01-orb10", rows, "ft10|orb(0[1-9]|10)", 3.0);
    summary("all", rows, ".*", Double.NaN);
  }

  private static void summary(String group, List<Row> rows, String names, double aim) {
    Pattern pattern = Pattern.compile(names);
    List<Row> selected = rows.stream().filter(r -> pattern.matcher(r.name()).matches()).toList();
    if (selected.isEmpty()) {
      return;
    }
    double gap = selected.stream().mapToDouble(Row::gap).average().orElseThrow();
    double spt =
        selected.stream()
            .mapToDouble(r -> 100.0 * (r.spt() - r.optimum()) / r.optimum())
            .average()
            .orElseThrow();
    double mwkr =
        selected.stream()
            .mapToDouble(r -> 100.0 * (r.mwkr() - r.optimum()) / r.optimum())
            .average()
            .orElseThrow();
    long optimal = selected.stream().filter(r -> r.ga().makespan() == r.optimum()).count();
    System.out.printf(
        Locale.ROOT,
        "%-17s %2d instances: GA mean gap %.2f%% (%d at the optimum)%s; SPT %.1f%%, MWKR %.1f%%%n",
        group,
        selected.size(),
        gap,
        optimal,
        Double.isNaN(aim)
            ? ""
            : String.format(
                Locale.ROOT, ", aim <= %.0f%%: %s", aim, gap <= aim ? "met" : "NOT met"),
        spt,
        mwkr);
  }

  private static int checked(Schedule schedule) {
    List<String> violations = schedule.violations();
    if (!violations.isEmpty()) {
      throw new IllegalStateException("infeasible schedule: " + violations);
    }
    return schedule.makespan();
  }
}
