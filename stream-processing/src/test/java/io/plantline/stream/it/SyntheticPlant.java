package io.plantline.stream.it;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Motor-spindle telemetry of a few devices, one batch per device and second, with noise and
 * scripted anomalies at known times. Deterministic: the same arguments give the same bytes.
 */
public final class SyntheticPlant {
  /** What happens to a device. */
  public enum Anomaly {
    /** Nothing. */
    NONE,
    /** Winding temperature ramps from 75 to 130 °C over 60 s from the start second, then stays. */
    OVERHEAT,
    /** Five vibration spikes of 9 mm/s, 5 s apart, from the start second. */
    VIBRATION_SPIKES,
    /** The device stops reporting at the start second. */
    SILENCE
  }

  /**
   * A device's script.
   *
   * @param anomaly what happens
   * @param atSecond when it starts
   */
  public record Script(Anomaly anomaly, int atSecond) {}

  /** One batch on the wire. */
  public record Batch(String deviceId, long time, byte[] payload) {}

  private final long t0;
  private final Map<String, Script> devices;

  /** Devices with their scripts; event time starts at {@code t0}. */
  public SyntheticPlant(long t0, Map<String, Script> devices) {
    this.t0 = t0;
    this.devices = devices;
  }

  /** The batches of seconds [from, to), in time order, devices interleaved. */
  public List<Batch> batches(int fromSecond, int toSecond) {
    List<Batch> out = new ArrayList<>();
    for (int s = fromSecond; s < toSecond; s++) {
      for (Map.Entry<String, Script> e : devices.entrySet()) {
        Batch b = batch(e.getKey(), e.getValue(), s);
        if (b != null) {
          out.add(b);
        }
      }
    }
    return out;
  }

  private Batch batch(String device, Script script, int second) {
    if (script.anomaly() == Anomaly.SILENCE && second >= script.atSecond()) {
      return null;
    }
    Random noise = new Random(device.hashCode() * 31L + second);
    double temperature = 75 + noise.nextGaussian() * 0.3;
    double vibration = 1.2 + noise.nextGaussian() * 0.05;
    int since = second - script.atSecond();
    if (script.anomaly() == Anomaly.OVERHEAT && since >= 0) {
      temperature += Math.min(since, 60) * (55.0 / 60);
    }
    if (script.anomaly() == Anomaly.VIBRATION_SPIKES
        && since >= 0
        && since <= 20
        && since % 5 == 0) {
      vibration = 9.0;
    }
    long time = t0 + second * 1000L;
    Instant at = Instant.ofEpochMilli(time);
    List<BatchReading> readings =
        List.of(
            new BatchReading("state", 1, "1", Quality.GOOD, at),
            new BatchReading(
                "speed_rpm", 12000 + noise.nextGaussian() * 5, "rpm", Quality.GOOD, at),
            new BatchReading("current_a", 12 + noise.nextGaussian() * 0.1, "A", Quality.GOOD, at),
            new BatchReading("winding_temperature_c", temperature, "°C", Quality.GOOD, at),
            new BatchReading("bearing_vibration_mm_s", vibration, "mm/s", Quality.GOOD, at));
    UUID eventId = UUID.nameUUIDFromBytes((device + "/" + second).getBytes(StandardCharsets.UTF_8));
    TelemetryBatch batch =
        new TelemetryBatch(
            eventId, 1, device, "site-1", "machining", 1, second, at.plusMillis(50), readings);
    return new Batch(device, time, Codecs.TELEMETRY_BATCH.encode(batch));
  }
}
