package io.plantline.console.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which site each device belongs to, learnt from device status, alarm and work-order events and
 * from the device registry of the query API. The console authorizes device routes with it. At most
 * {@code maxDevices} devices are remembered (least recently used forgotten first). Thread-safe.
 */
public final class DeviceDirectory {

  /**
   * Where a device is.
   *
   * @param siteId its site
   * @param areaId its area, or null when not known
   */
  public record Place(String siteId, String areaId) {}

  private final int maxDevices;
  private final LinkedHashMap<String, Place> places;

  /** A directory of at most {@code maxDevices} devices. */
  public DeviceDirectory(int maxDevices) {
    this.maxDevices = maxDevices;
    this.places =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Place> eldest) {
            return size() > DeviceDirectory.this.maxDevices;
          }
        };
  }

  /** Records the device's site (and area, when given). */
  public synchronized void put(String deviceId, String siteId, String areaId) {
    if (deviceId == null || siteId == null) {
      return;
    }
    Place old = places.get(deviceId);
    places.put(deviceId, new Place(siteId, areaId != null || old == null ? areaId : old.areaId()));
  }

  /** Where the device is, if known. */
  public synchronized Optional<Place> get(String deviceId) {
    return Optional.ofNullable(places.get(deviceId));
  }

  /** Devices remembered. */
  public synchronized int size() {
    return places.size();
  }
}
