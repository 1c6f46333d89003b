package io.plantline.deploy.render;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, as NetworkPolicy {@code ipBlock}s take them. */
record Cidr(long network, int prefix) {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Parses {@code a.b.c.d/n}; empty for anything else or when host bits are set. */
  static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<Long> address = ipv4(text.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (address.isEmpty() || prefix < 0 || prefix > 32) {
      return Optional.empty();
    }
    Cidr cidr = new Cidr(address.get(), prefix);
    return (address.get() & ~cidr.mask()) == 0 ? Optional.of(cidr) : Optional.empty();
  }

  /** The address as an unsigned 32-bit number; empty if it is not a dotted IPv4 address. */
  static Optional<Long> ipv4(String text) {
    Matcher m = IPV4.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return Optional.empty();
      }
      value = (value << 8) | octet;
    }
    return Optional.of(value);
  }

  boolean contains(long address) {
    return (address & mask()) == network;
  }

  private long mask() {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }
}
