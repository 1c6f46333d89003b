package io.plantline.gateway.domain;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-device telemetry sequence: seq starts at 0 for each boot and increases by one per batch,
 * never reused. Together with the boot epoch, {@code (deviceId, bootEpoch, seq)} identifies a
 * batch, which lets consumers drop duplicates. Thread-safe; one instance per gateway process.
 */
public final class Sequencer {

  private final ConcurrentMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

  /** The next sequence number of the device: 0, 1, 2, … */
  public long next(String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    return counters.computeIfAbsent(deviceId, id -> new AtomicLong()).getAndIncrement();
  }
}
