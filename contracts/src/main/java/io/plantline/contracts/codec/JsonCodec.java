package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Base of the codecs: size limit, strict parsing and the unknown-field check are done here, the
 * mapping of fields in {@link #read} and {@link #write}.
 */
abstract class JsonCodec<T> implements EventCodec<T> {
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants with a four-digit year.
  private static final long FIRST_WIRE_SECOND = -62_167_219_200L;
  private static final long LAST_WIRE_SECOND = 253_402_300_799L;

  @Override
  public final byte[] encode(T event) {
    Checks.present(ContractViolationException.ROOT, event);
    ObjectNode node = Json.object();
    write(event, node);
    return Json.bytes(node);
  }

  @Override
  public final T decode(byte[] payload) {
    JsonFields fields = new JsonFields(Json.parseObject(payload), "");
    return fields.build(() -> read(fields));
  }

  /** Reads every field of the event (schemaVersion first) and builds the record. */
  abstract T read(JsonFields fields);

  /** Writes every component of the event, in declaration order. */
  abstract void write(T event, ObjectNode node);

  static void put(ObjectNode node, String name, UUID value) {
    node.put(name, value.toString());
  }

  static void put(ObjectNode node, String name, Enum<?> value) {
    node.put(name, value.name());
  }

  /** Writes an instant as ISO-8601 UTC; years outside 0000-9999 have no such form. */
  static void put(ObjectNode node, String name, Instant value) {
    put(node, name, value, name);
  }

  /** Like {@link #put(ObjectNode, String, Instant)}, naming {@code path} in a violation. */
  static void put(ObjectNode node, String name, Instant value, String path) {
    put(node, name, value, () -> path);
  }

  /**
   * Like {@link #put(ObjectNode, String, Instant, String)}, building the path only for a violation
   * (telemetry writes one instant per reading).
   */
  static void put(ObjectNode node, String name, Instant value, Supplier<String> path) {
    long seconds = value.getEpochSecond();
    if (seconds < FIRST_WIRE_SECOND || seconds > LAST_WIRE_SECOND) {
      throw new ContractViolationException(path.get(), "year outside 0000-9999: " + value);
    }
    // Within these years Instant.toString() is exactly the wire form (yyyy-MM-ddTHH:mm:ss[.f]Z).
    node.put(name, value.toString());
  }

  /** Writes named figures (evidence) as a JSON object of numbers. */
  static void put(ObjectNode node, String name, Map<String, Double> figures) {
    ObjectNode object = node.putObject(name);
    for (Map.Entry<String, Double> entry : figures.entrySet()) {
      object.put(entry.getKey(), entry.getValue());
    }
  }

  /** Writes an optional string, leaving the field out when it is null. */
  static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
