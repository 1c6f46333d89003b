package io.plantline.stream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store input against the testkit's real QuestDB: a series written in the ingestion writer's
 * layout (table = metric, tags deviceId, site, area, quality; field value) next to another device's
 * rows and a BAD reading, read back with {@code --store-kind questdb}, backtests exactly like the
 * same series read from a CSV file.
 */
@ExtendWith(EmbeddedServersExtension.class)
class BacktestQuestDbIT {
  private static final String DEVICE = "line-1-temperature";

  @TempDir Path dir;

  @Test
  void shouldBacktestASeriesReadFromQuestDbLikeTheSameSeriesFromACsvFile(QuestDbServer questdb)
      throws Exception {
    SyntheticSeries series = SyntheticSeries.spikeAndStep(600, 300, 450, 5);
    SyntheticSeries other = SyntheticSeries.spikeAndStep(600, 100, 200, 6);
    StringBuilder lines = new StringBuilder();
    append(lines, DEVICE, "GOOD", series);
    append(lines, "line-2-temperature", "GOOD", other);
    lines.append(point(DEVICE, "BAD", SyntheticSeries.time(10) + 30_000, 1e6));
    write(questdb, lines.toString());
    questdb.awaitTable("value");

    Path rules =
        Files.writeString(
            dir.resolve("rules.yaml"), SyntheticSeries.resource(SyntheticSeries.RULES));
    Path csv = Files.writeString(dir.resolve("line.csv"), series.csv());
    Path fromCsv = dir.resolve("from-csv.csv");
    Path fromStore = dir.resolve("from-store.csv");
    Path secret =
        Files.writeString(
            dir.resolve("questdb.secret"),
            questdb.httpCredentials().username() + ":" + questdb.httpCredentials().password());

    assertThat(
            run(
                "--rules",
                rules.toString(),
                "--input",
                csv.toString(),
                "--out",
                fromCsv.toString(),
                "--device",
                DEVICE))
        .isZero();
    StringWriter summary = new StringWriter();
    int status =
        BacktestMain.execute(
            new String[] {
              "--rules",
              rules.toString(),
              "--out",
              fromStore.toString(),
              "--device",
              DEVICE,
              "--metric",
              "value",
              "--store-kind",
              "questdb",
              "--influx-url",
              questdb.httpUrl(),
              "--influx-token-file",
              secret.toString(),
              "--from",
              "2024-01-01T00:00:00Z",
              "--to",
              "2024-01-02T00:00:00Z"
            },
            new PrintWriter(summary, true),
            new PrintWriter(new StringWriter(), true));

    assertThat(status).as(summary.toString()).isZero();
    List<String> expected = Files.readAllLines(fromCsv);
    List<String> actual = Files.readAllLines(fromStore);
    assertThat(actual).hasSize(expected.size()).hasSize(601);
    for (int i = 1; i < expected.size(); i++) {
      String[] e = expected.get(i).split(",");
      String[] a = actual.get(i).split(",");
      assertThat(Series.parseTime(a[0])).as("row %d", i).isEqualTo(Series.parseTime(e[0]));
      assertThat(Double.parseDouble(a[1])).as("row %d", i).isEqualTo(Double.parseDouble(e[1]));
      assertThat(a[2]).as("row %d", i).isEqualTo(e[2]);
    }
    assertThat(actual.get(301)).endsWith(",1.000000");
    assertThat(summary.toString()).contains("backtest of questdb " + questdb.httpUrl());
  }

  @Test
  void shouldStopWithTheStoresAnswerWhenTheLoginIsWrong(QuestDbServer questdb) throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("rules.yaml"), SyntheticSeries.resource(SyntheticSeries.RULES));
    Path secret = Files.writeString(dir.resolve("wrong.secret"), "nobody:wrong");
    StringWriter err = new StringWriter();

    int status =
        BacktestMain.execute(
            new String[] {
              "--rules",
              rules.toString(),
              "--out",
              dir.resolve("out.csv").toString(),
              "--device",
              DEVICE,
              "--metric",
              "value",
              "--store-kind",
              "questdb",
              "--influx-url",
              questdb.httpUrl(),
              "--influx-token-file",
              secret.toString(),
              "--from",
              "2024-01-01T00:00:00Z",
              "--to",
              "2024-01-02T00:00:00Z"
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).startsWith("plantline backtest: QuestDB answered 401");
  }

  private int run(String... args) {
    return BacktestMain.execute(
        args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
  }

  private static void append(StringBuilder out, String device, String quality, SyntheticSeries s) {
    double[] values = s.values();
    for (int row : s.keptRows()) {
      out.append(point(device, quality, SyntheticSeries.time(row), values[row]));
    }
  }

  /** One point as the ingestion writer writes it: measurement = metric, tags in key order. */
  private static String point(String device, String quality, long timeMs, double value) {
    return "value,area=backtest,deviceId="
        + device
        + ",quality="
        + quality
        + ",site=backtest value="
        + value
        + " "
        + timeMs * 1_000_000
        + "\n";
  }

  private static void write(QuestDbServer questdb, String lineProtocol) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(questdb.httpUrl() + "/api/v2/write?precision=ns"))
                    .header(
                        "Authorization",
                        QuestDbServer.basicAuthorization(questdb.httpCredentials()))
                    .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }
}
