package io.plantline.stream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plantline backtest}: exit status 0, 1 (input stops the run) or 2 (a wrong option). */
class BacktestMainTest {
  @TempDir Path dir;
  private Path rules;
  private Path input;
  private Path out;
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  @BeforeEach
  void files() throws Exception {
    rules =
        Files.writeString(
            dir.resolve("rules.yaml"), SyntheticSeries.resource(SyntheticSeries.RULES));
    input =
        Files.writeString(
            dir.resolve("line.csv"), SyntheticSeries.spikeAndStep(600, 300, 450, 3).csv());
    out = dir.resolve("scores.csv");
  }

  private int run(String... args) {
    return BacktestMain.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
  }

  @Test
  void shouldWriteOneScoredRowPerInputRowAndPrintTheSummaryWithItsRate() throws Exception {
    int status =
        run(
            "--rules",
            rules.toString(),
            "--input",
            input.toString(),
            "--out",
            out.toString(),
            "--device",
            "line-1-temperature");

    assertThat(status).as(stderr.toString()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score");
    assertThat(lines).hasSize(Files.readAllLines(input).size());
    assertThat(lines.get(301)).startsWith("2024-01-01 05:00:00,").endsWith(",1.000000");
    assertThat(stdout.toString())
        .contains("600 read, 600 evaluated, 0 bad")
        .containsPattern(
            "rate: 600 rows read in [0-9.]+ s, evaluated in [0-9.]+ s \\([0-9]+ rows/s\\)")
        .contains("- temperature-outlier (ewma-zscore")
        .contains("raised 2024-01-01 05:00:00");
  }

  @Test
  void shouldExitWithOneNamingTheRowWhenABadRowStopsTheRun() throws Exception {
    Files.writeString(input, "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:00:00,2\n");

    int status =
        run(
            "--rules",
            rules.toString(),
            "--input",
            input.toString(),
            "--out",
            out.toString(),
            "--device",
            "line-1-temperature");

    assertThat(status).isEqualTo(1);
    assertThat(stderr.toString())
        .startsWith(
            "plantline backtest: " + input + " line 3 (row 2): timestamp 2024-01-01 00:00:00")
        .contains("--on-bad-row skip");
    assertThat(out).doesNotExist();
  }

  @Test
  void shouldExitWithOneForAnEmptyFile() throws Exception {
    Files.writeString(input, "timestamp,value\n");

    int status =
        run(
            "--rules",
            rules.toString(),
            "--input",
            input.toString(),
            "--out",
            out.toString(),
            "--device",
            "line-1-temperature",
            "--on-bad-row",
            "skip");

    assertThat(status).isEqualTo(1);
    assertThat(stderr.toString()).contains("no data rows (empty input)");
  }

  @Test
  void shouldExitWithTwoNamingTheWrongOption() {
    String r = rules.toString();
    String i = input.toString();
    String o = out.toString();
    expectOptionError("--rules", "--input", i, "--out", o);
    expectOptionError(
        "--on-bad-row",
        "--rules",
        r,
        "--input",
        i,
        "--out",
        o,
        "--device",
        "line-1-temperature",
        "--on-bad-row",
        "maybe");
    expectOptionError("--device: required", "--rules", r, "--input", i, "--out", o);
    expectOptionError(
        "--device: no rule", "--rules", r, "--input", i, "--out", o, "--device", "pump-1");
    expectOptionError(
        "--metric: no rule",
        "--rules",
        r,
        "--input",
        i,
        "--out",
        o,
        "--device",
        "line-1-temperature",
        "--metric",
        "pressure");
    expectOptionError(
        "--input: give either", "--rules", r, "--out", o, "--device", "line-1-temperature");
    expectOptionError(
        "--from: not an ISO-8601 instant",
        "--rules",
        r,
        "--out",
        o,
        "--device",
        "line-1-temperature",
        "--metric",
        "value",
        "--store-kind",
        "questdb",
        "--influx-url",
        "http://127.0.0.1:9",
        "--from",
        "yesterday",
        "--to",
        "2024-01-02T00:00:00Z");
    expectOptionError(
        "--org: required",
        "--rules",
        r,
        "--out",
        o,
        "--device",
        "line-1-temperature",
        "--metric",
        "value",
        "--influx-url",
        "http://127.0.0.1:9",
        "--from",
        "2024-01-01T00:00:00Z",
        "--to",
        "2024-01-02T00:00:00Z");
    expectOptionError(
        "--windows",
        "--rules",
        r,
        "--input",
        i,
        "--out",
        o,
        "--device",
        "line-1-temperature",
        "--windows",
        dir.resolve("missing.json").toString());
    expectOptionError("Unknown option: '--bogus'", "--rules", r, "--out", o, "--bogus");
  }

  private void expectOptionError(String expected, String... args) {
    stderr.getBuffer().setLength(0);
    int status = run(args);
    assertThat(status).as(String.join(" ", args)).isEqualTo(2);
    assertThat(stderr.toString()).startsWith("plantline backtest: ").contains(expected);
  }
}
