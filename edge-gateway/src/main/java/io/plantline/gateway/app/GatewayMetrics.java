package io.plantline.gateway.app;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.gateway.domain.DeviceHealth;
import io.plantline.gateway.forward.Uplink;
import io.plantline.gateway.journal.Journal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics: poll latency histogram, poll errors by Modbus exception code,
 * deadline misses, journal backlog and age, published and acknowledged counts.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer pollLatency;
  private final Counter published;
  private final Counter acknowledged;
  private final Timer pollToAck;
  private final Timer ackLatency;

  public GatewayMetrics() {
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    pollLatency =
        Timer.builder("plantline.gateway.poll.latency")
            .description("Time to read all blocks of one poll class of one device")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    published = Counter.builder("plantline.gateway.uplink.published").register(registry);
    pollToAck =
        Timer.builder("plantline.gateway.poll.to.ack")
            .description(
                "From the start of a poll to the acknowledgement of its batch by every uplink")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    acknowledged = Counter.builder("plantline.gateway.uplink.acknowledged").register(registry);
    ackLatency =
        Timer.builder("plantline.gateway.uplink.ack.latency")
            .description("From journal append to acknowledgement by every uplink")
            .publishPercentileHistogram()
            .publishPercentiles(0.5, 0.99)
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
  }

  void bindUplink(Uplink uplink) {
    Gauge.builder("plantline.gateway.uplink.inflight", uplink, Uplink::inFlight)
        .description("Records sent to the uplink and not yet acknowledged")
        .tag("uplink", uplink.name())
        .register(registry);
    Gauge.builder("plantline.gateway.uplink.inflight.lost", uplink, Uplink::lostInFlight)
        .description("Records in flight when their connection was lost (may arrive twice)")
        .tag("uplink", uplink.name())
        .register(registry);
  }

  void bindJournal(Journal journal) {
    Gauge.builder("plantline.gateway.journal.backlog.records", journal, Journal::backlogRecords)
        .register(registry);
    Gauge.builder("plantline.gateway.journal.backlog.bytes", journal, Journal::backlogBytes)
        .register(registry);
    Gauge.builder(
            "plantline.gateway.journal.oldest.age.seconds",
            journal,
            j ->
                j.oldestUnacknowledgedMillis().isPresent()
                    ? (System.currentTimeMillis() - j.oldestUnacknowledgedMillis().getAsLong())
                        / 1000.0
                    : 0)
        .register(registry);
    Gauge.builder("plantline.gateway.journal.dropped.records", journal, Journal::droppedRecords)
        .register(registry);
    Gauge.builder("plantline.gateway.journal.rejected.records", journal, Journal::rejectedRecords)
        .register(registry);
    Gauge.builder("plantline.gateway.journal.appended.records", journal, Journal::appendedRecords)
        .register(registry);
  }

  void pollLatency(long nanos) {
    pollLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void pollError(String deviceId, Exception e) {
    String code =
        e instanceof ModbusSlaveException slave
            ? String.format("%02d", slave.getType())
            : e instanceof MalformedResponseException ? "malformed" : "timeout_or_io";
    registry.counter("plantline.gateway.poll.errors", "device", deviceId, "code", code).increment();
  }

  /**
   * A read attempt that failed without an answer from the device (timeout, I/O error, malformed
   * frame) and is tried again: a late answer to it is discarded, so a device may have served more
   * reads than the gateway received.
   */
  void retry(String deviceId) {
    registry.counter("plantline.gateway.poll.retries", "device", deviceId).increment();
  }

  void deadlineMiss(String deviceId) {
    registry.counter("plantline.gateway.poll.deadline.misses", "device", deviceId).increment();
  }

  void healthChange(String deviceId, DeviceHealth.State state) {
    registry
        .counter(
            "plantline.gateway.device.health.changes", "device", deviceId, "state", state.name())
        .increment();
  }

  public void published() {
    published.increment();
  }

  /** One record acknowledged by every uplink, {@code latencyMillis} after its poll began. */
  void pollToAcknowledgement(long latencyMillis) {
    pollToAck.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
  }

  /** One record acknowledged by every uplink, {@code latencyMillis} after it was journaled. */
  public void acknowledged(long latencyMillis) {
    acknowledged.increment();
    ackLatency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
  }

  public Timer ackLatencyTimer() {
    return ackLatency;
  }

  /** Poll errors counted for a device and code, for tests and the bench. */
  public double pollErrors(String deviceId, String code) {
    Counter counter =
        registry
            .find("plantline.gateway.poll.errors")
            .tags("device", deviceId, "code", code)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * The forwarder rewound an uplink to its oldest unacknowledged record (connection lost, a
   * publication refused, a delivery timeout): what was in flight is sent again.
   */
  public void uplinkRewound(String uplink) {
    Counter.builder("plantline.gateway.uplink.rewinds")
        .description("Times an uplink was rewound to its oldest unacknowledged record")
        .tag("uplink", uplink)
        .register(registry)
        .increment();
  }

  /** One setpoint command handled, by outcome (applied, rejected, expired, failed, ...). */
  void setpointCommand(String outcome) {
    Counter.builder("plantline.gateway.setpoint.commands")
        .description("Setpoint commands received over MQTT, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Times the named uplink was rewound (see {@link #uplinkRewound}). */
  public double uplinkRewinds(String uplink) {
    Counter counter =
        registry.find("plantline.gateway.uplink.rewinds").tag("uplink", uplink).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Records in flight on the named uplink when its connection was lost, since start. */
  public double uplinkLostInFlight(String uplink) {
    Gauge gauge =
        registry.find("plantline.gateway.uplink.inflight.lost").tag("uplink", uplink).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** Records in flight on the named uplink ({@code mqtt} or {@code kafka}); NaN if it has none. */
  public double uplinkInFlight(String uplink) {
    Gauge gauge = registry.find("plantline.gateway.uplink.inflight").tag("uplink", uplink).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  public Timer pollLatencyTimer() {
    return pollLatency;
  }

  /** Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
