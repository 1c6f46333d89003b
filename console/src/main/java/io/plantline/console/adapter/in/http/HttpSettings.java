package io.plantline.console.adapter.in.http;

import java.util.List;

/**
 * The HTTP side's knobs.
 *
 * @param host bind address
 * @param port port, 0 for any free one
 * @param ratePerSecond API requests per second per user (token refill)
 * @param burst API requests a user may make at once (bucket size)
 * @param maxBodyBytes largest request body (413 beyond)
 * @param loginPerMinute login attempts per client address per minute (burst the same)
 * @param loginFailures failed logins per user name before it must wait (one more per minute)
 * @param defaultSites sites the overview starts with (within the user's), empty for the user's own
 */
public record HttpSettings(
    String host,
    int port,
    double ratePerSecond,
    int burst,
    int maxBodyBytes,
    int loginPerMinute,
    int loginFailures,
    List<String> defaultSites) {

  /** Validates the numbers. */
  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max body must be at least 1024 bytes");
    }
    if (loginPerMinute < 1 || loginFailures < 1) {
      throw new IllegalArgumentException("login limits must be at least 1");
    }
    defaultSites = List.copyOf(defaultSites);
  }
}
