package io.plantline.scheduling.domain.jobshop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Classic instances copied from ../shared/data/jsp into the test resources. */
final class JobShopInstances {
  private JobShopInstances() {}

  /** ft06 (optimum 55), ft10 (930) or la01 (666). */
  static JobShop load(String name) {
    try (InputStream in = JobShopInstances.class.getResourceAsStream("/jobshop/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no instance " + name);
      }
      return JobShopFormat.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
