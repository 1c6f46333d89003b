package io.plantline.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void shouldReadDurationsInMillisecondsSecondsMinutesAndHours() {
    assertThat(Quantities.duration("250ms")).contains(Duration.ofMillis(250));
    assertThat(Quantities.duration("30s")).contains(Duration.ofSeconds(30));
    assertThat(Quantities.duration("5m")).contains(Duration.ofMinutes(5));
    assertThat(Quantities.duration("2h")).contains(Duration.ofHours(2));
  }

  @Test
  void shouldRejectDurationsWithoutAUnitOrWithFractions() {
    assertThat(Quantities.duration("30")).isEmpty();
    assertThat(Quantities.duration("1.5s")).isEmpty();
    assertThat(Quantities.duration("-1s")).isEmpty();
    assertThat(Quantities.duration("1 s")).isEmpty();
  }

  @Test
  void shouldReadBinarySizes() {
    assertThat(Quantities.size("512B")).hasValue(512);
    assertThat(Quantities.size("64KiB")).hasValue(65_536);
    assertThat(Quantities.size("8MiB")).hasValue(8_388_608);
    assertThat(Quantities.size("1GiB")).hasValue(1_073_741_824);
  }

  @Test
  void shouldRejectDecimalUnitsAndOverflowingSizes() {
    assertThat(Quantities.size("8MB")).isEmpty();
    assertThat(Quantities.size("1TiB")).isEmpty();
    assertThat(Quantities.size("999999999999999GiB")).isEmpty();
  }

  @Test
  void shouldFormatASizeInTheLargestExactUnit() {
    assertThat(Quantities.formatSize(24L << 20)).isEqualTo("24MiB");
    assertThat(Quantities.formatSize(1536L * 1024)).isEqualTo("1536KiB");
    assertThat(Quantities.formatSize(2L << 30)).isEqualTo("2GiB");
    assertThat(Quantities.formatSize(1000)).isEqualTo("1000B");
  }
}
