package io.plantline.gateway.journal;

import java.util.Arrays;
import java.util.Objects;

/**
 * One journaled record as read back by {@link Journal#readUnacknowledged}. The payload array is not
 * copied: treat it as read-only. Equality compares the payload's content.
 *
 * @param index the index {@link Journal#append} returned for it (strictly increasing, from 1)
 * @param key the key given to append, e.g. the device id
 * @param payload the bytes given to append
 * @param appendedAtMillis wall-clock time of the append, epoch milliseconds
 */
public record JournalRecord(long index, String key, byte[] payload, long appendedAtMillis) {

  /** Rejects a null key or payload. */
  public JournalRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JournalRecord r
        && index == r.index
        && appendedAtMillis == r.appendedAtMillis
        && key.equals(r.key)
        && Arrays.equals(payload, r.payload);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(index, key, appendedAtMillis) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "JournalRecord[index=%d, key=%s, payload=%d bytes, appendedAtMillis=%d]"
        .formatted(index, key, payload.length, appendedAtMillis);
  }
}
