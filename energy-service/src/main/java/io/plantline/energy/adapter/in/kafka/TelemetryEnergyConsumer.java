package io.plantline.energy.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.energy.adapter.out.kafka.EnergyEventPublisher;
import io.plantline.energy.domain.EnergyLedger;
import io.plantline.energy.domain.LedgerFinding;
import io.plantline.energy.domain.Machine;
import io.plantline.energy.domain.MeterReading;
import io.plantline.energy.domain.MeterSeries;
import io.plantline.energy.domain.Sample;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes telemetry batches from {@code telemetry.raw.v1} and records the readings of configured
 * meters (counter, or power alone) and production counters in the {@link EnergyLedger}, one ledger
 * batch per series and poll, then publishes its findings; the offset is committed only after the
 * rows are written and the findings acknowledged. When partitions move or a batch fails, the ledger
 * forgets its recent samples and reads them from the store again. The read model is keyed by the
 * sample's time, so a redelivered batch (same deviceId, bootEpoch, seq) rewrites the same rows. BAD
 * readings are skipped; batches of other devices or sites are ignored; an invalid batch is logged
 * with the field at fault, counted and skipped.
 */
public final class TelemetryEnergyConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryEnergyConsumer.class);

  private final Map<String, SiteEnergy> sites;
  private final EnergyLedger ledger;
  private final EnergyEventPublisher publisher;
  private final ManualCommitConsumer loop;
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * An intake; call {@link #start()} to run it.
   *
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the telemetry topic
   * @param sites the configured sites
   * @param ledger the ledger
   * @param publisher where findings go
   * @param backoff pause after a failure before re-reading
   * @param parallelism devices handled at once (one device's batches in order)
   */
  public TelemetryEnergyConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      List<SiteEnergy> sites,
      EnergyLedger ledger,
      EnergyEventPublisher publisher,
      Duration backoff,
      int parallelism) {
    this.sites = sites.stream().collect(Collectors.toMap(SiteEnergy::siteId, Function.identity()));
    this.ledger = ledger;
    this.publisher = publisher;
    this.loop =
        ManualCommitConsumer.perKey(
                "energy-telemetry-intake", consumer, topic, this::handleLane, backoff, parallelism)
            .onRewind(ledger::forgetRecent);
  }

  /** Subscribes and starts polling. */
  public TelemetryEnergyConsumer start() {
    loop.start();
    return this;
  }

  /** Whether the polling thread runs. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** Samples recorded since start (redeliveries count again). */
  public long sampleCount() {
    return samples.get();
  }

  /** Batches handled since start, whether or not they held metered readings. */
  public long batchCount() {
    return batches.get();
  }

  /** Read-model rows written since start. */
  public long rowCount() {
    return rows.get();
  }

  /** Records skipped because they were not valid telemetry batches. */
  public long rejectedCount() {
    return rejected.get();
  }

  /** One device's records of one poll: decoded, recorded per series, written, then published. */
  private void handleLane(List<ConsumerRecord<String, byte[]>> records) {
    List<TelemetryBatch> decoded = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        decoded.add(Codecs.TELEMETRY_BATCH.decode(record.value()));
      } catch (ContractViolationException e) {
        rejected.incrementAndGet();
        LOG.warn(
            "skipping invalid telemetry at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
    handle(decoded);
  }

  /**
   * Records the metered readings of {@code batches} (one device's, in arrival order): each series'
   * readings as one ledger batch, waits until every row is written, then publishes the findings.
   *
   * @throws IllegalStateException when a write failed or timed out (the batches are re-read)
   */
  public void handle(List<TelemetryBatch> telemetry) {
    Map<SiteSeries, List<MeterReading>> bySeries = new LinkedHashMap<>();
    for (TelemetryBatch batch : telemetry) {
      batches.incrementAndGet();
      SiteEnergy site = sites.get(batch.siteId());
      if (site == null) {
        continue;
      }
      Optional<MeterSeries> meter = site.meter(batch.deviceId());
      if (meter.isPresent()) {
        reading(meter.get(), batch)
            .ifPresent(
                r ->
                    bySeries
                        .computeIfAbsent(
                            new SiteSeries(site.siteId(), meter.get()), k -> new ArrayList<>())
                        .add(r));
      }
      for (Machine machine : site.machines()) {
        MeterSeries production = machine.production();
        if (production != null && production.deviceId().equals(batch.deviceId())) {
          reading(production, batch)
              .ifPresent(
                  r ->
                      bySeries
                          .computeIfAbsent(
                              new SiteSeries(site.siteId(), production), k -> new ArrayList<>())
                          .add(r));
        }
      }
    }
    List<EnergyLedger.Recorded> recorded = new ArrayList<>(bySeries.size());
    bySeries.forEach(
        (s, readings) -> recorded.add(ledger.record(sites.get(s.siteId()), s.series(), readings)));
    List<LedgerFinding> findings = new ArrayList<>();
    for (EnergyLedger.Recorded r : recorded) {
      try {
        r.written().toCompletableFuture().get(WRITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing the energy read model", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("writing the energy read model failed: " + e, e);
      }
      findings.addAll(r.findings());
      rows.addAndGet(r.rows());
    }
    publisher.publish(findings);
    samples.addAndGet(bySeries.values().stream().mapToLong(List::size).sum());
  }

  private record SiteSeries(String siteId, MeterSeries series) {}

  private static Optional<MeterReading> reading(MeterSeries series, TelemetryBatch batch) {
    String metric = series.hasCounter() ? series.counterMetric() : series.powerMetric();
    Optional<BatchReading> reading = usable(batch, metric);
    if (reading.isEmpty()) {
      return Optional.empty();
    }
    OptionalDouble power =
        series.powerMetric() == null
            ? OptionalDouble.empty()
            : usable(batch, series.powerMetric())
                .map(r -> OptionalDouble.of(r.value()))
                .orElse(OptionalDouble.empty());
    return Optional.of(
        new MeterReading(new Sample(reading.get().sourceTime(), reading.get().value()), power));
  }

  private static Optional<BatchReading> usable(TelemetryBatch batch, String metric) {
    return batch.readings().stream()
        .filter(r -> r.metric().equals(metric) && r.quality() != Quality.BAD)
        .findFirst();
  }

  /** Stops polling and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
