package io.plantline.ingestion.bridge;

import java.util.Objects;

/**
 * A telemetry source as its MQTT topic names it: the device and the site and area it reports from,
 * which a GAP status event needs.
 *
 * @param siteId the site
 * @param areaId the area
 * @param deviceId the device
 */
public record Source(String siteId, String areaId, String deviceId) {

  /** Checks for nulls. */
  public Source {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(areaId, "areaId");
    Objects.requireNonNull(deviceId, "deviceId");
  }
}
