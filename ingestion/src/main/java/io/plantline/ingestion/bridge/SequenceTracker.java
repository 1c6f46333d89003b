package io.plantline.ingestion.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedup and gap detection by {@code (deviceId, bootEpoch, seq)} with bounded state.
 *
 * <p>Per device it keeps the newest boot epoch and the one before it, each as a {@link
 * SequenceWindow}: the highest sequence number plus a bitmap of the last {@code windowSize}
 * numbers. A number already in the bitmap is a duplicate (a QoS 1 redelivery or a gateway replay)
 * and is dropped. A jump past the highest number opens a possible gap: the numbers skipped are
 * given {@code gapGrace} to arrive (a broker redelivers out of order after a reconnect); one that
 * does is {@link Observation.Outcome#REORDERED}. {@link #confirmDue} reports what is still missing
 * after the grace period as a {@link Gap}; a batch that turns up after that, within the window, is
 * forwarded as a late fill. Missing numbers about to slide out of the window, or of a device being
 * evicted, are reported early rather than forgotten.
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
  private final long gapGraceMillis;
  private final long idleTtlMillis;
  private final int maxDevices;
  private final LinkedHashMap<String, DeviceSequences> devices;
  private final List<Gap> evictedGaps = new ArrayList<>();
  private long evictions;

  /**
   * @param windowSize how many recent sequence numbers per source are remembered, 64..65536
   * @param gapGrace how long skipped numbers may take to arrive before they are a gap
   * @param idleTtl how long an idle device's state is kept
   * @param maxDevices the most devices tracked at once
   */
  public SequenceTracker(int windowSize, Duration gapGrace, Duration idleTtl, int maxDevices) {
    if (windowSize < 64 || windowSize > 65536) {
      throw new IllegalArgumentException("windowSize must be 64..65536: " + windowSize);
    }
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices must be positive: " + maxDevices);
    }
    if (gapGrace.isNegative()) {
      throw new IllegalArgumentException("gapGrace must not be negative: " + gapGrace);
    }
    this.windowSize = windowSize;
    this.gapGraceMillis = gapGrace.toMillis();
    this.idleTtlMillis = idleTtl.toMillis();
    this.maxDevices = maxDevices;
    this.devices =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, DeviceSequences> eldest) {
            if (size() > SequenceTracker.this.maxDevices) {
              evictions++;
              eldest.getValue().confirm(Long.MAX_VALUE, evictedGaps);
              return true;
            }
            return false;
          }
        };
  }

  /** Records a batch's key, seen at {@code nowMillis}, and says whether to forward it. */
  public Observation observe(Source source, long bootEpoch, long seq, long nowMillis) {
    String deviceId = source.deviceId();
    DeviceSequences device = devices.get(deviceId);
    if (device == null) {
      device = new DeviceSequences(source, new SequenceWindow(bootEpoch, windowSize, seq));
      device.lastSeenMillis = nowMillis;
      devices.put(deviceId, device);
      return Observation.of(Observation.Outcome.NEW);
    }
    device.lastSeenMillis = nowMillis;
    device.source = source;
    if (bootEpoch > device.newest.bootEpoch()) {
      List<Gap> confirmed = new ArrayList<>();
      if (device.previous != null) {
        device.previous.confirm(source, Long.MAX_VALUE, confirmed); // no longer tracked
      }
      device.previous = device.newest;
      device.newest = new SequenceWindow(bootEpoch, windowSize, seq);
      return new Observation(Observation.Outcome.NEW, confirmed);
    }
    SequenceWindow window = device.window(bootEpoch);
    if (window == null) {
      return Observation.of(Observation.Outcome.UNTRACKED_EPOCH);
    }
    List<Gap> confirmed = new ArrayList<>(0);
    Observation.Outcome outcome = window.observe(source, seq, nowMillis, confirmed);
    return confirmed.isEmpty() ? Observation.of(outcome) : new Observation(outcome, confirmed);
  }

  /**
   * The gaps whose grace period has passed by {@code nowMillis}, plus those of devices evicted
   * since the last call; each gap is returned once. Call it periodically.
   */
  public List<Gap> confirmDue(long nowMillis) {
    List<Gap> confirmed = new ArrayList<>(evictedGaps);
    evictedGaps.clear();
    long openedBy = nowMillis - gapGraceMillis;
    for (DeviceSequences device : devices.values()) {
      device.confirm(openedBy, confirmed);
    }
    return confirmed;
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
    Iterator<Map.Entry<String, DeviceSequences>> it = devices.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, DeviceSequences> entry = it.next();
      if (nowMillis - entry.getValue().lastSeenMillis < idleTtlMillis) {
        break; // access order: the rest were seen more recently
      }
      it.remove();
      entry.getValue().confirm(Long.MAX_VALUE, evictedGaps);
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
    private Source source;
    private SequenceWindow newest;
    private SequenceWindow previous;
    private long lastSeenMillis;

    DeviceSequences(Source source, SequenceWindow first) {
      this.source = source;
      this.newest = first;
    }

    /** Reports what is missing of the ranges opened by {@code openedBy}. */
    void confirm(long openedBy, List<Gap> confirmed) {
      newest.confirm(source, openedBy, confirmed);
      if (previous != null) {
        previous.confirm(source, openedBy, confirmed);
      }
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
