package io.plantline.stream.backtest;

import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceGlob;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.rules.RuleFileException;
import io.plantline.stream.rules.RuleFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./plantline backtest}: what a rule file would have done on recorded data. Reads a CSV of
 * {@code timestamp,value} or one metric of one device from the time-series store, runs it through
 * the rules with the job's own code ({@link Backtest}), writes NAB's results format and prints a
 * summary (module README). Exit status 0 when done (bad rows skipped are listed), 1 when the input
 * stops the run (a bad row without {@code --on-bad-row skip}, no rows, a store that cannot be
 * read), 2 for a wrong option, named in one line.
 */
@Command(
    name = "plantline backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Runs recorded data through a rule file, as the anomaly job would.")
public final class BacktestMain implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--rules", required = true, description = "rule file (YAML, version 1)")
  Path rules;

  @Option(names = "--input", description = "CSV of timestamp,value (NAB's data-file format)")
  Path input;

  @Option(names = "--out", required = true, description = "results: timestamp,value,anomaly_score")
  Path out;

  @Option(
      names = "--device",
      description = "device id the rules run for (default: the rule file's only literal device)")
  String device;

  @Option(
      names = "--metric",
      description = "metric name (default: the only metric the device's rules read)")
  String metric;

  @Option(names = "--windows", description = "labelled windows, NAB combined_windows.json format")
  Path windows;

  @Option(
      names = "--windows-key",
      description =
          "entry of --windows (default: the only one, or the one ending in the input's name)")
  String windowsKey;

  @Option(
      names = "--on-bad-row",
      defaultValue = "stop",
      description = "stop (default) or skip: what a bad row does")
  String onBadRow;

  @Option(
      names = "--store-kind",
      defaultValue = "influxdb",
      description = "influxdb (Flux) or questdb (SQL /exp): store behind --influx-url")
  String storeKind;

  @Option(names = "--influx-url", description = "time-series store base URL, instead of --input")
  String influxUrl;

  @Option(
      names = "--influx-token-file",
      description = "InfluxDB token; for QuestDB user:password (basic auth) or a bearer token")
  Path tokenFile;

  @Option(names = "--org", description = "InfluxDB organisation")
  String org;

  @Option(names = "--bucket", description = "InfluxDB bucket")
  String bucket;

  @Option(names = "--from", description = "store range start, ISO-8601 instant, inclusive")
  String from;

  @Option(names = "--to", description = "store range end, ISO-8601 instant, exclusive")
  String to;

  /** A wrong option, named. */
  static final class OptionError extends IllegalArgumentException {
    OptionError(String option, String message) {
      super(option + ": " + message);
    }
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs with output to {@code out} and errors to {@code err}; returns the exit status. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new BacktestMain());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("plantline backtest: " + e.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof OptionError) {
            err.println("plantline backtest: " + e.getMessage());
            return 2;
          }
          if (e instanceof BadInputException || e instanceof IOException) {
            err.println("plantline backtest: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean stopAtBadRow = badRowPolicy();
    RuleSet ruleSet = ruleSet();
    String deviceId = device(ruleSet);
    String metricName = metric(ruleSet, deviceId);
    Backtest backtest = new Backtest(ruleSet, deviceId, metricName);
    List<NabScorer.Window> labels = labels();

    long readBegin = System.nanoTime();
    Series series = read(deviceId, metricName).check(stopAtBadRow);
    double readSeconds = (System.nanoTime() - readBegin) / 1e9;
    BacktestResult result = backtest.run(series);
    long writeBegin = System.nanoTime();
    BacktestReport.writeScores(result, this.out);
    double writeSeconds = (System.nanoTime() - writeBegin) / 1e9;
    BacktestReport.Labelled labelled = null;
    if (labels != null) {
      try {
        labelled = BacktestReport.label(result, labels);
      } catch (IllegalArgumentException e) {
        throw new OptionError("--windows", e.getMessage());
      }
    }
    out.print(
        BacktestReport.summary(result, rules.toString(), labelled, readSeconds, writeSeconds));
    out.printf(Locale.ROOT, "results: %s (%d rows)%n", this.out, series.rows().size());
    out.flush();
    return 0;
  }

  private boolean badRowPolicy() {
    return switch (onBadRow) {
      case "stop" -> true;
      case "skip" -> false;
      default -> throw new OptionError("--on-bad-row", "stop or skip, was '" + onBadRow + "'");
    };
  }

  private RuleSet ruleSet() {
    try {
      return RuleFiles.load(rules);
    } catch (RuleFileException e) {
      throw new OptionError("--rules", e.getMessage());
    }
  }

  /** The device: --device, or the rule file's only device id pattern without wildcards. */
  String device(RuleSet ruleSet) {
    if (device != null) {
      if (ruleSet.rulesFor(device).isEmpty()) {
        throw new OptionError("--device", "no rule of " + rules + " applies to '" + device + "'");
      }
      return device;
    }
    Set<String> literal = new TreeSet<>();
    ruleSet
        .deviceTypes()
        .forEach(
            (type, globs) -> {
              if (!ruleSet.rules().getOrDefault(type, List.of()).isEmpty()) {
                globs.stream()
                    .map(DeviceGlob::glob)
                    .filter(g -> g.indexOf('*') < 0 && g.indexOf('?') < 0)
                    .forEach(literal::add);
              }
            });
    if (literal.size() != 1) {
      throw new OptionError(
          "--device",
          "required: "
              + rules
              + " names "
              + (literal.isEmpty() ? "no" : literal.size())
              + " devices without wildcards"
              + (literal.isEmpty() ? "" : " " + literal));
    }
    return literal.iterator().next();
  }

  /** The metric: --metric, or the only metric the device's rules read. */
  String metric(RuleSet ruleSet, String deviceId) {
    Set<String> read = new TreeSet<>();
    for (Detector d : ruleSet.rulesFor(deviceId)) {
      read.addAll(d.inputs());
    }
    if (metric != null) {
      if (!read.contains(metric)) {
        throw new OptionError(
            "--metric",
            "no rule of '" + deviceId + "' reads '" + metric + "' (they read " + read + ")");
      }
      return metric;
    }
    if (read.size() != 1) {
      throw new OptionError("--metric", "required: the rules of '" + deviceId + "' read " + read);
    }
    return read.iterator().next();
  }

  private List<NabScorer.Window> labels() {
    if (windows == null) {
      if (windowsKey != null) {
        throw new OptionError("--windows-key", "needs --windows");
      }
      return null;
    }
    try {
      String inputName = input == null ? null : input.getFileName().toString();
      return LabelledWindows.read(windows, windowsKey, inputName);
    } catch (IllegalArgumentException e) {
      throw new OptionError("--windows", e.getMessage());
    }
  }

  private Series read(String deviceId, String metricName) throws IOException, InterruptedException {
    if ((input == null) == (influxUrl == null)) {
      throw new OptionError("--input", "give either --input FILE or --influx-url URL (the store)");
    }
    if (input != null) {
      if (!Files.isReadable(input)) {
        throw new OptionError("--input", "cannot read " + input);
      }
      try {
        return CsvSeries.read(input);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    StoreQuery query = storeQuery(deviceId, metricName);
    return switch (storeKind) {
      case "questdb" -> QuestDbSeries.read(query);
      case "influxdb" -> {
        try {
          yield InfluxDbSeries.read(query);
        } catch (RuntimeException e) {
          throw new IOException("InfluxDB query failed: " + e.getMessage(), e);
        }
      }
      default ->
          throw new OptionError("--store-kind", "influxdb or questdb, was '" + storeKind + "'");
    };
  }

  private StoreQuery storeQuery(String deviceId, String metricName) {
    if (device == null) {
      throw new OptionError("--device", "required with --influx-url");
    }
    if (metric == null) {
      throw new OptionError("--metric", "required with --influx-url");
    }
    boolean influx = storeKind.equals("influxdb");
    if (influx && (org == null || bucket == null)) {
      throw new OptionError(
          org == null ? "--org" : "--bucket", "required with --store-kind influxdb");
    }
    String secret = null;
    if (tokenFile != null) {
      try {
        secret = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new OptionError(
            "--influx-token-file", "cannot read " + tokenFile + ": " + e.getMessage());
      }
    } else if (influx) {
      throw new OptionError("--influx-token-file", "required with --store-kind influxdb");
    }
    Instant start = instant("--from", from);
    Instant end = instant("--to", to);
    if (!start.isBefore(end)) {
      throw new OptionError("--from", "must be before --to");
    }
    if (!influxUrl.startsWith("http://") && !influxUrl.startsWith("https://")) {
      throw new OptionError("--influx-url", "must be an http(s) URL, was '" + influxUrl + "'");
    }
    return new StoreQuery(influxUrl, secret, org, bucket, deviceId, metricName, start, end);
  }

  private static Instant instant(String option, String text) {
    if (text == null) {
      throw new OptionError(option, "required with --influx-url");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new OptionError(
          option, "not an ISO-8601 instant '" + text + "' (e.g. 2024-01-01T00:00:00Z)");
    }
  }
}
