package io.plantline.energy.adapter.out.kafka;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.energy.EnergyEvent;
import io.plantline.contracts.energy.EnergyEventKind;
import io.plantline.energy.domain.DemandForecast;
import io.plantline.energy.domain.LedgerFinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the ledger's findings: each as an {@link EnergyEvent} on {@code energy.events.v1} and
 * as an {@link AlarmEvent} on {@code alarms.v1} (so the console lists it with the other alarms),
 * both keyed by the meter. A demand alert is RAISED (HIGH) and CLEARED when its interval is over;
 * an idle run is RAISED (LOW). Ids are derived from the finding (meter, interval, state), so a
 * replay publishes the same ids again and consumers deduplicate. {@link #publish} returns once
 * Kafka acknowledged every record, so the caller commits its offsets only after.
 */
public final class EnergyEventPublisher {
  /** Rule id of demand alerts on {@code alarms.v1}. */
  public static final String PEAK_RULE = "energy-peak-demand-forecast";

  /** Rule id of idle-energy findings on {@code alarms.v1}. */
  public static final String IDLE_RULE = "energy-idle-consumption";

  private static final String AREA = "energy";

  private final Producer<String, byte[]> producer;
  private final String eventsTopic;
  private final String alarmsTopic;
  private final AtomicLong published = new AtomicLong();

  /** A publisher sending to the two topics; the producer is owned by the caller. */
  public EnergyEventPublisher(
      Producer<String, byte[]> producer, String eventsTopic, String alarmsTopic) {
    this.producer = producer;
    this.eventsTopic = eventsTopic;
    this.alarmsTopic = alarmsTopic;
  }

  /** Records acknowledged since start. */
  public long publishedCount() {
    return published.get();
  }

  /**
   * Sends every finding and waits for the acknowledgements.
   *
   * @throws IllegalStateException when Kafka did not acknowledge in 30 s (the record is re-read)
   */
  public void publish(List<LedgerFinding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (LedgerFinding finding : findings) {
      String meter = meterOf(finding);
      sent.add(send(eventsTopic, meter, Codecs.ENERGY_EVENT.encode(energyEvent(finding))));
      sent.add(send(alarmsTopic, meter, Codecs.ALARM_EVENT.encode(alarmEvent(finding))));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
        published.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing energy findings", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing energy findings failed: " + e, e);
    }
  }

  private Future<RecordMetadata> send(String topic, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** The energy event of a finding. */
  public static EnergyEvent energyEvent(LedgerFinding finding) {
    String site = finding.site().siteId();
    if (finding instanceof LedgerFinding.DemandAlert a) {
      DemandForecast f = a.forecast();
      return new EnergyEvent(
          id(alarmId(finding) + "/energy-event"),
          EnergyEvent.SCHEMA_VERSION,
          EnergyEventKind.PEAK_DEMAND_FORECAST,
          a.meterId(),
          site,
          null,
          f.intervalStart(),
          f.intervalEnd(),
          f.at(),
          peakMessage(f),
          peakFigures(f));
    }
    if (finding instanceof LedgerFinding.IdleEnergy idle) {
      return new EnergyEvent(
          id(alarmId(finding) + "/energy-event"),
          EnergyEvent.SCHEMA_VERSION,
          EnergyEventKind.IDLE_ENERGY,
          idle.machine().meterId(),
          site,
          idle.machine().id(),
          idle.from(),
          idle.to(),
          idle.at(),
          idleMessage(idle),
          Map.of("idle.kwh", idle.idleKwh(), "intervals", (double) idle.intervals()));
    }
    LedgerFinding.DemandAlertOver over = (LedgerFinding.DemandAlertOver) finding;
    return new EnergyEvent(
        id(alarmId(finding) + "/energy-event-over"),
        EnergyEvent.SCHEMA_VERSION,
        EnergyEventKind.PEAK_DEMAND_FORECAST,
        over.meterId(),
        site,
        null,
        over.intervalStart(),
        over.intervalEnd(),
        over.at(),
        String.format(Locale.ROOT, "Interval over: demand %.1f kW", over.demandKw()),
        Map.of("demand.kw", over.demandKw()));
  }

  /** The alarm event of a finding. */
  public static AlarmEvent alarmEvent(LedgerFinding finding) {
    String alarmId = alarmId(finding);
    String site = finding.site().siteId();
    if (finding instanceof LedgerFinding.DemandAlert a) {
      return new AlarmEvent(
          id(alarmId + "/RAISED"),
          AlarmEvent.SCHEMA_VERSION,
          alarmId,
          a.meterId(),
          site,
          AREA,
          PEAK_RULE,
          AlarmSeverity.HIGH,
          AlarmState.RAISED,
          a.forecast().at(),
          peakMessage(a.forecast()),
          peakFigures(a.forecast()));
    }
    if (finding instanceof LedgerFinding.IdleEnergy idle) {
      return new AlarmEvent(
          id(alarmId + "/RAISED"),
          AlarmEvent.SCHEMA_VERSION,
          alarmId,
          idle.machine().meterId(),
          site,
          AREA,
          IDLE_RULE,
          AlarmSeverity.LOW,
          AlarmState.RAISED,
          idle.at(),
          idleMessage(idle),
          Map.of("idle.kwh", idle.idleKwh(), "intervals", (double) idle.intervals()));
    }
    LedgerFinding.DemandAlertOver over = (LedgerFinding.DemandAlertOver) finding;
    return new AlarmEvent(
        id(alarmId + "/CLEARED"),
        AlarmEvent.SCHEMA_VERSION,
        alarmId,
        over.meterId(),
        site,
        AREA,
        PEAK_RULE,
        AlarmSeverity.HIGH,
        AlarmState.CLEARED,
        over.at(),
        String.format(Locale.ROOT, "Interval over: demand %.1f kW", over.demandKw()),
        Map.of("demand.kw", over.demandKw()));
  }

  /** One alarm per meter and interval (demand), per machine and run start (idle). */
  static String alarmId(LedgerFinding finding) {
    if (finding instanceof LedgerFinding.DemandAlert a) {
      return "peak-" + a.meterId() + "-" + a.forecast().intervalStart().getEpochSecond();
    }
    if (finding instanceof LedgerFinding.DemandAlertOver o) {
      return "peak-" + o.meterId() + "-" + o.intervalStart().getEpochSecond();
    }
    LedgerFinding.IdleEnergy idle = (LedgerFinding.IdleEnergy) finding;
    return "idle-" + idle.machine().id() + "-" + idle.from().getEpochSecond();
  }

  private static String meterOf(LedgerFinding finding) {
    if (finding instanceof LedgerFinding.DemandAlert a) {
      return a.meterId();
    }
    if (finding instanceof LedgerFinding.DemandAlertOver o) {
      return o.meterId();
    }
    return ((LedgerFinding.IdleEnergy) finding).machine().meterId();
  }

  private static String peakMessage(DemandForecast f) {
    return String.format(
        Locale.ROOT,
        "Interval demand forecast %.1f kW above the %.1f kW target: shed %.1f kW within %d s",
        f.predictedKw(),
        f.targetKw(),
        f.reductionKw(),
        f.remaining().getSeconds());
  }

  private static Map<String, Double> peakFigures(DemandForecast f) {
    return Map.of(
        "predicted.kw", f.predictedKw(),
        "target.kw", f.targetKw(),
        "reduction.kw", f.reductionKw(),
        "energy.kwh", f.energySoFarKwh(),
        "power.kw", f.powerNowKw(),
        "remaining.seconds", (double) f.remaining().getSeconds());
  }

  private static String idleMessage(LedgerFinding.IdleEnergy idle) {
    return String.format(
        Locale.ROOT,
        "%s drew %.1f kWh over %d intervals (%d min) without producing",
        idle.machine().id(),
        idle.idleKwh(),
        idle.intervals(),
        Duration.between(idle.from(), idle.to()).toMinutes());
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
