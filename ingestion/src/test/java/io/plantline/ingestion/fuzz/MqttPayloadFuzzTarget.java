package io.plantline.ingestion.fuzz;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.ingestion.bridge.PayloadValidator;
import io.plantline.ingestion.bridge.Verdict;
import java.util.Arrays;

/**
 * Fuzz target: what an MQTT client can send the bridge. The first byte picks the topic (telemetry
 * or status of {@code plant-a/stamping/press-07}), the rest is the payload. The validator must
 * answer every input with a verdict (never throw); a rejection must carry a reason; an accepted
 * batch must survive an encode/decode round trip unchanged (what goes to Kafka is what was read).
 */
public final class MqttPayloadFuzzTarget {
  static final String TELEMETRY_TOPIC = "plantline/v1/plant-a/stamping/press-07/telemetry";
  static final String STATUS_TOPIC = "plantline/v1/plant-a/stamping/press-07/status";
  private static final PayloadValidator VALIDATOR = new PayloadValidator();

  private MqttPayloadFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    String topic = input.length > 0 && (input[0] & 1) == 1 ? STATUS_TOPIC : TELEMETRY_TOPIC;
    byte[] payload = input.length > 0 ? Arrays.copyOfRange(input, 1, input.length) : input;
    Verdict verdict = VALIDATOR.validate(topic, payload);
    if (verdict instanceof Verdict.Rejected rejected) {
      if (rejected.rejection().reason() == null || rejected.rejection().reason().isBlank()) {
        throw new IllegalStateException("a rejection without a reason: " + rejected);
      }
    } else if (verdict instanceof Verdict.Telemetry telemetry) {
      TelemetryBatch batch = telemetry.batch();
      TelemetryBatch again = Codecs.TELEMETRY_BATCH.decode(Codecs.TELEMETRY_BATCH.encode(batch));
      if (!again.equals(batch)) {
        throw new IllegalStateException("round trip changed the batch: " + batch + " -> " + again);
      }
    } else if (verdict == null) {
      throw new IllegalStateException("no verdict");
    }
  }
}
