package io.plantline.ingestion.bridge;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.MqttTopic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Valid and broken payloads for the bridge's tests, the bench and the ITs. */
public final class TestPayloads {
  public static final String SITE = "plant-t";
  public static final String AREA = "line-1";

  private TestPayloads() {}

  /** A valid batch of {@code readings} metrics. */
  public static TelemetryBatch batch(String deviceId, long bootEpoch, long seq, int readings) {
    Instant now = Instant.now();
    List<BatchReading> list = new ArrayList<>(readings);
    for (int i = 0; i < readings; i++) {
      list.add(new BatchReading("m" + i, seq + i * 0.5, "bar", Quality.GOOD, now));
    }
    return new TelemetryBatch(
        UUID.randomUUID(),
        TelemetryBatch.SCHEMA_VERSION,
        deviceId,
        SITE,
        AREA,
        bootEpoch,
        seq,
        now,
        list);
  }

  /** The JSON of a valid batch. */
  public static byte[] batchJson(String deviceId, long bootEpoch, long seq, int readings) {
    return Codecs.TELEMETRY_BATCH.encode(batch(deviceId, bootEpoch, seq, readings));
  }

  /** A valid BIRTH status. */
  public static byte[] birthJson(String deviceId, long bootEpoch) {
    return Codecs.DEVICE_STATUS.encode(
        new DeviceStatus(
            UUID.randomUUID(),
            DeviceStatus.SCHEMA_VERSION,
            deviceId,
            SITE,
            AREA,
            DeviceState.BIRTH,
            bootEpoch,
            Instant.now(),
            "online"));
  }

  /** The telemetry topic of a device in {@link #SITE}/{@link #AREA}. */
  public static String telemetryTopic(String deviceId) {
    return MqttTopic.telemetry(SITE, AREA, deviceId).value();
  }

  /** The status topic of a device in {@link #SITE}/{@link #AREA}. */
  public static String statusTopic(String deviceId) {
    return MqttTopic.status(SITE, AREA, deviceId).value();
  }

  /** A valid batch's JSON text with {@code from} replaced by {@code to} (first occurrence). */
  public static byte[] edited(String deviceId, long seq, String from, String to) {
    String json = new String(batchJson(deviceId, 1, seq, 2), StandardCharsets.UTF_8);
    if (!json.contains(from)) {
      throw new IllegalArgumentException("no " + from + " in " + json);
    }
    return json.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A batch's JSON without the field {@code name}. */
  public static byte[] without(String deviceId, long seq, String name) {
    String json = new String(batchJson(deviceId, 1, seq, 2), StandardCharsets.UTF_8);
    String stripped = json.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[0-9]+),", "");
    if (stripped.equals(json)) {
      throw new IllegalArgumentException("no field " + name + " in " + json);
    }
    return stripped.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A syntactically valid batch larger than 64 KiB (padding in a reading's unit is too long, so the
   * size check fires first).
   */
  public static byte[] oversized(String deviceId, long seq) {
    String json = new String(batchJson(deviceId, 1, seq, 1), StandardCharsets.UTF_8);
    String padding = " ".repeat(70 * 1024);
    return (json.substring(0, json.length() - 1) + padding + "}").getBytes(StandardCharsets.UTF_8);
  }
}
