package io.plantline.ingestion.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.ingestion.cli.OptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QueryParametersTest {
  private static final QueryLimits LIMITS = new QueryLimits(100, Duration.ofDays(1), 50);
  private static final String FROM = "2026-01-01T00:00:00Z";
  private static final String TO = "2026-01-01T01:00:00Z";

  @Test
  void shouldAcceptAValidQueryWithAndWithoutStep() {
    TelemetryQuery q = TelemetryQuery.parse("temp", FROM, TO, "PT1M", LIMITS);
    assertThat(q.from()).isEqualTo(Instant.parse(FROM));
    assertThat(q.step()).contains(Duration.ofMinutes(1));
    assertThat(TelemetryQuery.parse("temp", FROM, TO, null, LIMITS).step())
        .isEqualTo(Optional.empty());
    assertThat(TelemetryQuery.parse("temp", FROM, TO, "PT36S", LIMITS).step()).isPresent();
  }

  @Test
  void shouldRefuseBadRangesAndStepsNamingTheParameter() {
    assertBad("metric", "missing", null, FROM, TO, "PT1M");
    assertBad("metric", "not a metric", "te mp", FROM, TO, "PT1M");
    assertBad("from", "missing", "temp", null, TO, "PT1M");
    assertBad("from", "ISO-8601", "temp", "2026-01-01", TO, "PT1M");
    assertBad("to", "ISO-8601", "temp", FROM, "soon", "PT1M");
    assertBad("from", "before", "temp", TO, FROM, "PT1M");
    assertBad("from", "before", "temp", FROM, FROM, "PT1M");
    assertBad("to", "longer than the maximum", "temp", FROM, "2026-01-02T00:00:01Z", null);
    assertBad("step", "ISO-8601", "temp", FROM, TO, "1m");
    assertBad("step", "positive", "temp", FROM, TO, "PT0S");
    assertBad("step", "positive", "temp", FROM, TO, "-PT5M");
    assertBad("step", "101 buckets", "temp", FROM, "2026-01-01T01:00:01Z", "PT36S");
    assertBad("step", "longer than the maximum range", "temp", FROM, TO, "PT9999999H");
  }

  private static void assertBad(
      String parameter, String reason, String metric, String from, String to, String step) {
    assertThatThrownBy(() -> TelemetryQuery.parse(metric, from, to, step, LIMITS))
        .isInstanceOfSatisfying(
            BadQueryException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo(parameter);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void shouldFoldPointsIntoBucketsWithMinMaxAvgCountAndFirstTime() {
    Instant t0 = Instant.parse(FROM);
    Buckets buckets = new Buckets(t0, t0.plusSeconds(300), Duration.ofMinutes(2));
    buckets.add(t0.plusSeconds(70), 4.0); // out of order on purpose
    buckets.add(t0.plusSeconds(10), 2.0);
    buckets.add(t0.plusSeconds(119), 9.0);
    buckets.add(t0.plusSeconds(250), -1.0); // last, partial bucket
    buckets.add(t0.plusSeconds(300), 100.0); // at "to": excluded
    buckets.add(t0.minusNanos(1), 100.0); // before "from": excluded

    assertThat(buckets.summaries())
        .containsExactly(
            new Buckets.Summary(t0, t0.plusSeconds(10), 3, 2.0, 9.0, 5.0),
            new Buckets.Summary(t0.plusSeconds(240), t0.plusSeconds(250), 1, -1.0, -1.0, -1.0));
  }

  @Test
  void shouldCountBucketsRoundingUp() {
    assertThat(TelemetryQuery.buckets(Duration.ofMinutes(10), Duration.ofMinutes(3))).isEqualTo(4);
    assertThat(TelemetryQuery.buckets(Duration.ofMinutes(9), Duration.ofMinutes(3))).isEqualTo(3);
  }

  @Test
  void shouldRequireAJwtKeyOfAtLeast32BytesFromFileOrEnv(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> command().config(Map.of()))
        .isInstanceOf(OptionException.class)
        .hasMessageStartingWith("--jwt-key-file: ");
    Path shortKey = Files.writeString(dir.resolve("k"), "too-short");
    assertThatThrownBy(() -> command("--jwt-key-file=" + shortKey).config(Map.of()))
        .hasMessageStartingWith("--jwt-key-file: ")
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> command("--jwt-key-env=NOPE").config(Map.of()))
        .hasMessageStartingWith("--jwt-key-env: ");
    String key = "k".repeat(40);
    assertThatThrownBy(
            () -> command("--jwt-key-env=K", "--max-range=31 days").config(Map.of("K", key)))
        .hasMessageStartingWith("--max-range: ");
    assertThatThrownBy(() -> command("--jwt-key-env=K", "--max-points=0").config(Map.of("K", key)))
        .hasMessageStartingWith("--max-points: ");
    QueryApiCommand.Config config = command("--jwt-key-env=K").config(Map.of("K", key));
    assertThat(config.limits()).isEqualTo(QueryLimits.defaults());
    assertThat(config.keys().toString()).doesNotContain(key);
  }

  private static QueryApiCommand command(String... args) {
    QueryApiCommand command = new QueryApiCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
