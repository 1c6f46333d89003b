package io.plantline.contracts.codec;

import io.plantline.contracts.ContractViolationException;

/**
 * Turns one event type into its wire form, UTF-8 JSON, and back. Implementations are immutable and
 * thread-safe; take them from {@link Codecs}.
 *
 * @param <T> the event type
 */
public interface EventCodec<T> {

  /** Largest payload, in bytes, that {@link #decode} accepts and {@link #encode} produces. */
  int MAX_PAYLOAD_BYTES = 64 * 1024;

  /**
   * Encodes a valid event.
   *
   * @throws ContractViolationException with field {@code $} if the JSON would exceed {@link
   *     #MAX_PAYLOAD_BYTES}
   */
  byte[] encode(T event);

  /**
   * Decodes and validates a payload.
   *
   * @throws ContractViolationException naming the offending field (a path such as {@code
   *     readings[2].value}, or {@code $} for the payload as a whole) and the reason
   */
  T decode(byte[] payload);
}
