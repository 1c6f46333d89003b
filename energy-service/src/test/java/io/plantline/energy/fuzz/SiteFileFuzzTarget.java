package io.plantline.energy.fuzz;

import io.plantline.energy.app.ConfigException;
import io.plantline.energy.app.EnergyConfigFile;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: a site file (zone, billing grid, tariff, meters, machines) as an energy manager
 * could get it wrong. It must load or be refused with a {@link ConfigException} naming the field;
 * nothing else may escape.
 */
public final class SiteFileFuzzTarget {
  private SiteFileFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    try {
      EnergyConfigFile.parse(new String(input, StandardCharsets.UTF_8));
    } catch (ConfigException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a reason", e);
      }
    }
  }
}
