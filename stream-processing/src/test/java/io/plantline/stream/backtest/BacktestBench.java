package io.plantline.stream.backtest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Backtest speed through {@link BacktestMain}, as {@code ./plantline backtest} runs it: a month of
 * one-minute data (43,200 rows, {@code backtest/backtest-rules.yaml}, seven rules of six kinds) and
 * NAB's machine-temperature file (22,695 rows, {@code nab/nab-rules.yaml}, with its windows). Each
 * run is repeated {@code --runs} times (default 3) in one JVM; prints each run's rate line.
 */
public final class BacktestBench {
  private BacktestBench() {}

  /** Runs the two inputs and prints their rate lines. */
  public static void main(String[] args) throws Exception {
    int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("backtest-bench");
    try {
      SyntheticSeries month =
          new SyntheticSeries(
              43_200,
              1,
              List.of(5_000, 5_010),
              30_000,
              12_000,
              12_060,
              20_000,
              20_030,
              List.of(36_000, 36_040));
      Path monthCsv = Files.writeString(dir.resolve("month.csv"), month.csv());
      Path rules =
          Files.writeString(
              dir.resolve("rules.yaml"), SyntheticSeries.resource(SyntheticSeries.RULES));
      Path nabCsv =
          Files.writeString(
              dir.resolve("machine_temperature_system_failure.csv"),
              SyntheticSeries.resource("nab/machine_temperature_system_failure.csv"));
      Path nabRules =
          Files.writeString(
              dir.resolve("nab-rules.yaml"), SyntheticSeries.resource("nab/nab-rules.yaml"));
      Path windows =
          Files.writeString(
              dir.resolve("windows.json"),
              SyntheticSeries.resource("nab/machine_temperature_system_failure.windows.json"));
      for (int i = 1; i <= runs; i++) {
        report(
            "month of one-minute rows, run " + i,
            "--rules",
            rules.toString(),
            "--input",
            monthCsv.toString(),
            "--out",
            dir.resolve("month-out.csv").toString(),
            "--device",
            "line-1-temperature",
            "--on-bad-row",
            "skip");
        report(
            "NAB machine temperature, run " + i,
            "--rules",
            nabRules.toString(),
            "--input",
            nabCsv.toString(),
            "--out",
            dir.resolve("nab-out.csv").toString(),
            "--windows",
            windows.toString(),
            "--on-bad-row",
            "skip");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void report(String name, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = BacktestMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    if (status != 0) {
      throw new IllegalStateException(name + ": exit " + status + ": " + err);
    }
    String summary = out.toString();
    summary
        .lines()
        .filter(
            l -> l.startsWith("rows:") || l.startsWith("rate:") || l.startsWith("NAB raw score"))
        .forEach(l -> System.out.println(name + ": " + l));
  }
}
