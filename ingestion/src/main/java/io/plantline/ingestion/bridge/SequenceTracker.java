package io.plantline.ingestion.bridge;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dedup and gap detection by {@code (deviceId, bootEpoch, seq)} with bounded state.
 *
 * <p>Per device it keeps the newest boot epoch and the one before it, each as a {@link
 * SequenceWindow}: the highest sequence number plus a bitmap of the last {@code windowSize}
 * numbers. A number already in the bitmap is a duplicate (a QoS 1 redelivery or a gateway replay)
 * and is dropped. A jump past the highest number is a {@link Gap}, reported at once; if a missing
 * batch turns up later within the window it is forwarded as a late fill.
 *
 * <p>Boot epochs: a newer epoch than the newest seen starts a fresh window and keeps the old one as
 * the previous epoch, so late replays from the previous boot are still deduplicated. A batch of an
 * even older epoch, or more than {@code windowSize} behind its window's highest number, cannot be
 * judged and is forwarded (a duplicate downstream is harmless, a loss is not). The first batch seen
 * of a source starts its window and reports no gap: the bridge does not know what came before.
 *
 * <p>Bounds: devices idle longer than {@code idleTtl} are evicted by {@link #evictIdle}; beyond
 * {@code maxDevices} the least recently seen device is evicted. Memory per device is about {@code 2
 * * windowSize / 4} bytes plus some 200 bytes of overhead. Not thread-safe: use from one thread
 * (the bridge's event loop).
 */
public final class SequenceTracker {
  private final int windowSize;
  private final long idleTtlMillis;
  private final int maxDevices;
  private final LinkedHashMap<String, DeviceSequences> devices;
  private long evictions;

  /**
   * @param windowSize how many recent sequence numbers per source are remembered, 64..65536
   * @param idleTtl how long an idle device's state is kept
   * @param maxDevices the most devices tracked at once
   */
  public SequenceTracker(int windowSize, Duration idleTtl, int maxDevices) {
    if (windowSize < 64 || windowSize > 65536) {
      throw new IllegalArgumentException("windowSize must be 64..65536: " + windowSize);
    }
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices must be positive: " + maxDevices);
    }
    this.windowSize = windowSize;
    this.idleTtlMillis = idleTtl.toMillis();
    this.maxDevices = maxDevices;
    this.devices =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, DeviceSequences> eldest) {
            if (size() > SequenceTracker.this.maxDevices) {
              evictions++;
              return true;
            }
            return false;
          }
        };
  }

  /** Records a batch's key, seen at {@code nowMillis}, and says whether to forward it. */
  public Observation observe(String deviceId, long bootEpoch, long seq, long nowMillis) {
    DeviceSequences device = devices.get(deviceId);
    if (device == null) {
      device = new DeviceSequences(new SequenceWindow(bootEpoch, windowSize, seq));
      device.lastSeenMillis = nowMillis;
      devices.put(deviceId, device);
      return Observation.NEW;
    }
    device.lastSeenMillis = nowMillis;
    if (bootEpoch > device.newest.bootEpoch()) {
      device.previous = device.newest;
      device.newest = new SequenceWindow(bootEpoch, windowSize, seq);
      return Observation.NEW;
    }
    SequenceWindow window = device.window(bootEpoch);
    return window == null ? Observation.UNTRACKED_EPOCH : window.observe(deviceId, seq);
  }

  /**
   * Forgets a batch whose forwarding failed, so that its redelivery is forwarded rather than
   * dropped as a duplicate.
   */
  public void forget(String deviceId, long bootEpoch, long seq) {
    DeviceSequences device = devices.get(deviceId);
    if (device != null) {
      SequenceWindow window = device.window(bootEpoch);
      if (window != null) {
        window.forget(seq);
      }
    }
  }

  /** Drops the state of devices not seen since {@code nowMillis - idleTtl}; returns how many. */
  public int evictIdle(long nowMillis) {
    int evicted = 0;
    Iterator<DeviceSequences> it = devices.values().iterator();
    while (it.hasNext()) {
      DeviceSequences device = it.next();
      if (nowMillis - device.lastSeenMillis < idleTtlMillis) {
        break; // access order: the rest were seen more recently
      }
      it.remove();
      evicted++;
    }
    evictions += evicted;
    return evicted;
  }

  /** Devices currently tracked. */
  public int trackedDevices() {
    return devices.size();
  }

  /** Devices evicted so far, for idleness or for room. */
  public long evictions() {
    return evictions;
  }

  private static final class DeviceSequences {
    private SequenceWindow newest;
    private SequenceWindow previous;
    private long lastSeenMillis;

    DeviceSequences(SequenceWindow first) {
      this.newest = first;
    }

    SequenceWindow window(long bootEpoch) {
      if (newest.bootEpoch() == bootEpoch) {
        return newest;
      }
      if (previous != null && previous.bootEpoch() == bootEpoch) {
        return previous;
      }
      return null;
    }
  }
}
