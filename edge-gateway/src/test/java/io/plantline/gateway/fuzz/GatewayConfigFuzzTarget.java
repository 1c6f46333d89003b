package io.plantline.gateway.fuzz;

import io.plantline.gateway.app.config.ConfigException;
import io.plantline.gateway.app.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target: a gateway configuration file as an installer could get it wrong. The reader must
 * accept it or refuse it with a {@link ConfigException} naming the field; nothing else may escape.
 */
public final class GatewayConfigFuzzTarget {
  private static final Path BASE_DIR;

  static {
    try {
      BASE_DIR = Files.createTempDirectory("gateway-config-fuzz");
      // a readable CA file, so that TLS uplinks (caFile: ca.pem) can be accepted
      Files.writeString(BASE_DIR.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GatewayConfigFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    String yaml = new String(input, StandardCharsets.UTF_8);
    try {
      GatewayConfig.parse(
          yaml, "fuzz.yaml", BASE_DIR, name -> name.startsWith("PLANTLINE") ? "secret" : null);
    } catch (ConfigException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a reason", e);
      }
    }
  }
}
