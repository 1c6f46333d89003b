package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {

  private static final Path NAB =
      Path.of("/work/shared/data/nab/machine_temperature_system_failure.csv");

  private static String sample() throws URISyntaxException {
    return Path.of(CsvReplayTest.class.getResource("/domain/replay-sample.csv").toURI()).toString();
  }

  /** Values read after each of {@code steps} steps of {@code step}. */
  private static double[] replay(DeviceModel model, Duration step, int steps) {
    double[] values = new double[steps + 1];
    values[0] = model.read(CsvReplay.VALUE);
    for (int i = 1; i <= steps; i++) {
      model.advance(step);
      values[i] = model.read(CsvReplay.VALUE);
    }
    return values;
  }

  @Test
  void shouldHoldTheLastRowBetweenRows() throws Exception {
    DeviceModel replay = Sim.create("csv-replay", "file", sample(), "loop", false);

    double[] values = replay(replay, Duration.ofSeconds(5), 14);

    assertThat(values)
        .containsExactly(
            10.5, 10.5, 11.0, 11.0, 12.25, 12.25, 12.25, 12.25, 9.75, 9.75, 9.75, 9.75, 8.0, 8.0,
            8.0);
  }

  @Test
  void shouldStartOverAfterTheLastRowHeldForOneInterval() throws Exception {
    DeviceModel replay = Sim.create("csv-replay", "file", sample());

    replay.advance(Duration.ofSeconds(79));
    double lastRow = replay.read(CsvReplay.VALUE);
    replay.advance(Duration.ofSeconds(1));
    double wrapped = replay.read(CsvReplay.VALUE);
    replay.advance(Duration.ofSeconds(10));

    assertThat(lastRow).isEqualTo(8.0);
    assertThat(wrapped).isEqualTo(10.5);
    assertThat(replay.read(CsvReplay.VALUE)).isEqualTo(11.0);
  }

  @Test
  void shouldScaleRecordingTimeBySpeed() throws Exception {
    DeviceModel replay = Sim.create("csv-replay", "file", sample(), "speed", 10);

    double[] values = replay(replay, Duration.ofSeconds(1), 6);

    assertThat(values).containsExactly(10.5, 11.0, 12.25, 12.25, 9.75, 9.75, 8.0);
  }

  @Test
  void shouldParseIsoTimestampsWithAndWithoutOffset() {
    CsvRecording recording =
        CsvRecording.parse(
            "inline",
            List.of(
                "2024-03-31T00:59:00Z,1",
                "2024-03-31T03:00:00+02:00,2",
                "2024-03-31T01:00:30.5,3",
                "2024-03-31T01:01:00Z[UTC],4"));

    assertThat(recording.size()).isEqualTo(4);
    assertThat(recording.offsetSeconds(1)).isEqualTo(60);
    assertThat(recording.offsetSeconds(2)).isEqualTo(90.5);
    assertThat(recording.offsetSeconds(3)).isEqualTo(120);
  }

  @Test
  void shouldReplayRowsInFileOrderWhenTheClockIsSetBack() {
    CsvRecording recording =
        CsvRecording.parse(
            "inline",
            List.of(
                "2014-01-07 02:50:00,1",
                "2014-01-07 02:55:00,2",
                "2014-01-07 02:00:00,3",
                "2014-01-07 02:05:00,4"));

    assertThat(recording.offsetSeconds(2)).isEqualTo(600);
    assertThat(recording.offsetSeconds(3)).isEqualTo(900);
  }

  @Test
  void shouldRejectAMalformedRowNamingFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.csv");
    Files.writeString(file, "timestamp,value\n2024-01-01 00:00:00,1.0\n2024-01-01 00:05:00,warm\n");
    Path noTime = dir.resolve("notime.csv");
    Files.writeString(noTime, "2024-01-01 00:00:00,1.0\nyesterday,2.0\n");

    assertThatThrownBy(() -> Sim.create("csv-replay", "file", file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("warm");
    assertThatThrownBy(() -> Sim.create("csv-replay", "file", noTime.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notime.csv")
        .hasMessageContaining("line 2");
  }

  @Test
  void shouldRejectAMissingFileOrNoFileParameter(@TempDir Path dir) {
    assertThatThrownBy(() -> Sim.create("csv-replay"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file");
    assertThatThrownBy(() -> Sim.create("csv-replay", "file", dir.resolve("absent.csv").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent.csv");
  }

  @Test
  void shouldReplayTheNabMachineTemperatureRecording() {
    assumeTrue(Files.exists(NAB), "NAB recording not present: " + NAB);
    DeviceModel replay = Sim.create("csv-replay", "file", NAB.toString());

    double[] values = replay(replay, Duration.ofMinutes(5), 3);

    assertThat(values).containsExactly(73.96732207, 74.93588199999998, 76.12416182, 78.14070732);
  }

  @Test
  void shouldAdvanceOneFiveMinuteRowPerSimulatedSecondAtSpeedThreeHundred() {
    assumeTrue(Files.exists(NAB), "NAB recording not present: " + NAB);
    CsvReplay replay = (CsvReplay) Sim.create("csv-replay", "file", NAB.toString(), "speed", 300);

    int firstMismatch = -1;
    for (int second = 1; second <= 22_000 && firstMismatch < 0; second++) {
      replay.advance(Sim.SECOND);
      firstMismatch = replay.rowIndex() == second ? -1 : second;
    }

    assertThat(firstMismatch).as("first second not showing its row").isEqualTo(-1);
  }
}
