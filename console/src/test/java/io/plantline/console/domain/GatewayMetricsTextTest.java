package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The parser reads what Micrometer's Prometheus registry writes for the meter names the edge
 * gateway registers (GatewayMetrics), so a renamed meter shows up here.
 */
class GatewayMetricsTextTest {

  @Test
  void shouldReadTheGatewayFiguresFromAPrometheusExposition() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    double[] backlog = {1234};
    Gauge.builder("plantline.gateway.journal.backlog.records", backlog, b -> b[0])
        .register(registry);
    Gauge.builder("plantline.gateway.journal.backlog.bytes", () -> 56789.0).register(registry);
    Gauge.builder("plantline.gateway.journal.oldest.age.seconds", () -> 12.5).register(registry);
    Gauge.builder("plantline.gateway.journal.dropped.records", () -> 3.0).register(registry);
    Gauge.builder("plantline.gateway.journal.rejected.records", () -> 0.0).register(registry);
    Gauge.builder("plantline.gateway.uplink.inflight", () -> 7.0)
        .tag("uplink", "kafka")
        .register(registry);
    registry
        .counter("plantline.gateway.poll.errors", "device", "press-1", "code", "02")
        .increment(4);
    registry
        .counter("plantline.gateway.poll.errors", "device", "press-1", "code", "timeout_or_io")
        .increment();
    registry
        .counter("plantline.gateway.poll.errors", "device", "pump-2", "code", "malformed")
        .increment(2);
    registry.counter("plantline.gateway.poll.deadline.misses", "device", "pump-2").increment(5);
    registry.counter("jvm.unrelated", "device", "x").increment();

    GatewayMetricsText.Summary s = GatewayMetricsText.summarize(registry.scrape());

    assertThat(s.backlogRecords()).isEqualTo(1234);
    assertThat(s.backlogBytes()).isEqualTo(56789);
    assertThat(s.oldestAgeSeconds()).isCloseTo(12.5, within(1e-9));
    assertThat(s.droppedRecords()).isEqualTo(3);
    assertThat(s.rejectedRecords()).isZero();
    assertThat(s.pollErrors().get("press-1"))
        .containsEntry("02", 4.0)
        .containsEntry("timeout_or_io", 1.0);
    assertThat(s.pollErrors().get("pump-2")).containsEntry("malformed", 2.0);
    assertThat(s.pollErrorsTotal()).isEqualTo(7);
    assertThat(s.deadlineMisses()).containsEntry("pump-2", 5.0);
    assertThat(s.inflight()).containsEntry("kafka", 7.0);
  }

  @Test
  void shouldSkipLinesItCannotRead() {
    GatewayMetricsText.Summary s =
        GatewayMetricsText.summarize(
            "# HELP x\nplantline_gateway_journal_backlog_records NaN\n"
                + "plantline_gateway_poll_errors_total{device=\"a\\\"b\",code=\"01\"} 2.0\n"
                + "garbage\nplantline_gateway_journal_backlog_bytes{unclosed 5\n"
                + "plantline_gateway_journal_backlog_records 9 1700000000000\n");

    assertThat(s.backlogRecords()).isEqualTo(9);
    assertThat(s.backlogBytes()).isZero();
    assertThat(s.pollErrors().get("a\"b")).containsEntry("01", 2.0);
  }
}
