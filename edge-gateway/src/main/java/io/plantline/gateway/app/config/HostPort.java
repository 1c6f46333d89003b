package io.plantline.gateway.app.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network address as written in the configuration: {@code host:port}, where the host is a DNS
 * name (underscores allowed, as in container names), an IPv4 address or a bracketed IPv6 address
 * ({@code [::1]:1502}). Host names are lower-cased, so that two spellings of one endpoint compare
 * equal.
 *
 * @param host the host, without brackets
 * @param port 1..65535
 */
record HostPort(String host, int port) {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f.]*:[0-9a-f:.]*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /**
   * Parses {@code host:port}; without a port, {@code defaultPort} is used when it is positive.
   *
   * @return empty when the text is not a valid address
   */
  static Optional<HostPort> parse(String text, int defaultPort) {
    String lower = text.toLowerCase(Locale.ROOT);
    String host;
    String port;
    if (lower.startsWith("[")) {
      int close = lower.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = lower.substring(1, close);
      String rest = lower.substring(close + 1);
      if (!IPV6.matcher(host).matches() || !(rest.isEmpty() || rest.startsWith(":"))) {
        return Optional.empty();
      }
      port = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = lower.lastIndexOf(':');
      host = colon < 0 ? lower : lower.substring(0, colon);
      port = colon < 0 ? null : lower.substring(colon + 1);
      if (!isHostName(host)) {
        return Optional.empty();
      }
    }
    if (port == null) {
      return defaultPort > 0 ? Optional.of(new HostPort(host, defaultPort)) : Optional.empty();
    }
    if (!PORT.matcher(port).matches()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(port);
    return number >= 1 && number <= 65535
        ? Optional.of(new HostPort(host, number))
        : Optional.empty();
  }

  /** Whether the text is a host name or IPv4 address, or an IPv6 address without brackets. */
  static boolean isHost(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return isHostName(lower) || IPV6.matcher(lower).matches();
  }

  private static boolean isHostName(String lower) {
    return HOST_NAME.matcher(lower).matches();
  }

  /** {@code host:port}, with the host in brackets when it is an IPv6 address. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
