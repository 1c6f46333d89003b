package io.plantline.demo.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak of {@code ./plantline test}: 24 devices behind two gateways for a few minutes,
 * every fault kind once, one overheating spindle; fails on any loss, duplicate, reordering, missing
 * or extra alarm or work order, unrecovered fault or backlog left at the end. Then no process the
 * soak started is alive.
 */
class SoakIT {

  @Test
  void shouldAccountForEveryServedReadingThroughEveryFault() throws Exception {
    Path state = Path.of("target", "soak-it").toAbsolutePath();
    Path report = state.resolve("soak-report.json");
    SoakMain options = new SoakMain();
    options.minutes = 3;
    options.devices = 24;
    options.gatewaysPerSite = 1;
    options.rate = 2;
    options.fsync = "always";
    options.rounds = 1;
    options.anomalies = 1;
    options.cassandraOutageSeconds = 20;
    options.recoveryTimeoutSeconds = 180;
    options.seed = 7;
    options.speed = 25;
    options.stateDir = state;
    options.report = report;
    SoakSettings settings = options.settings(Path.of("..").toAbsolutePath().normalize());
    assertThat(settings.faults()).hasSize(FaultKind.values().length);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    Set<ProcessHandle> before = Set.copyOf(ProcessHandle.current().descendants().toList());
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new SoakRun(settings).run(out);
    } finally {
      System.out.print(printed.toString(StandardCharsets.UTF_8));
    }

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("failures")).as(json.path("failures").toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(json.path("faults")).hasSize(FaultKind.values().length);
    long served = 0;
    for (JsonNode device : json.path("devices")) {
      served += device.path("served").asLong();
      assertThat(device.path("inCassandra").asLong())
          .as(device.toString())
          .isEqualTo(device.path("acquired").asLong());
    }
    assertThat(served).isGreaterThan(24L * 2 * 60);
    assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p)).toList())
        .as("processes left running")
        .isEmpty();
  }
}
