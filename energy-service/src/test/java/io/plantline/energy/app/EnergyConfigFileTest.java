package io.plantline.energy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.energy.domain.SiteEnergy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnergyConfigFileTest {
  static final Path SHIPPED = Path.of("config/plant-small-energy.yaml");

  @Test
  void shouldReadTheShippedSiteFile() throws Exception {
    List<SiteEnergy> sites = EnergyConfigFile.read(SHIPPED);

    SiteEnergy site = sites.get(0);
    assertThat(site.siteId()).isEqualTo("site-1");
    assertThat(site.grid().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(site.grid().interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(site.limiter().targetKw()).isEqualTo(150);
    assertThat(site.tariff().demandChargePerKw()).isEqualTo(12.5);
    assertThat(site.tariff().rateAt(Instant.parse("2026-03-02T10:00:00Z"), site.grid()).name())
        .isEqualTo("peak");
    assertThat(site.meter("press-line-meter").orElseThrow().counterMetric())
        .isEqualTo("energy_kwh");
    assertThat(site.producer("spindle-001").orElseThrow().production().spec().rolloverAt())
        .isEqualTo(4294967296.0);
  }

  @Test
  void shouldReadTheSiteFileOfTheSimulatedPlantEnergyWithEveryMeterOfThatPlant() throws Exception {
    SiteEnergy site = EnergyConfigFile.read(Path.of("config/plant-energy-energy.yaml")).get(0);
    String plant =
        java.nio.file.Files.readString(Path.of("../simulators/plants/plant-energy.yaml"));

    assertThat(site.meters()).hasSize(4);
    site.meters().forEach(m -> assertThat(plant).contains("- id: " + m.deviceId() + "\n"));
    assertThat(site.meter("lathe-001-meter").orElseThrow().spec().rolloverAt())
        .isEqualTo(100_000.0);
    assertThat(plant).contains("rolloverKwh: 100000");
    assertThat(site.machines()).extracting(m -> m.meterId()).contains("press-001-meter");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "timeZone: Europe/Berlin|timeZone: Mars/Olympus|sites[0].timeZone: must be a time zone",
        "intervalMinutes: 15|intervalMinutes: 7|sites[0].intervalMinutes: must be whole minutes",
        "targetPeakKw: 150|targetPeakKw: -5|sites[0].targetPeakKw: must be",
        "targetPeakKw: 150|targetPeakKw: lots|sites[0].targetPeakKw: must be a number",
        "currency: EUR|currency: euro|sites[0].tariff.currency: must be an ISO 4217 code",
        "from: \"08:00\"|from: \"8am\"|sites[0].tariff.rates[0].from: must be a local time",
        "[MON, TUE, WED, THU, FRI], from: \"08:00\"|[MON, FUNDAY], from: \"08:00\"|sites[0].tariff.rates[0].days[1]: must be a day",
        "billingMeter: press-line-meter|billingMeter: other-meter|sites[0].billingMeter: must be one of the meters",
        "maxKw: 600|maxKw: 0|sites[0].meters[0].maxKw: must be",
        "idleKw: 40|idelKw: 40|sites[0].machines[0].idelKw: unknown field",
        "meter: press-line-meter|meter: nowhere|sites[0].machines[0].meter: must be one of the meters",
        "demandChargePerKw: 12.50|demandChargePerKw: -1|sites[0].tariff.demandChargePerKw: must be",
        "alert: {settleSeconds: 120, minLeadSeconds: 180}|alert: {settleSeconds: 600, minLeadSeconds: 600}|sites[0].alert: must be shorter than the interval",
      })
  void shouldRejectAWrongValueNamingItsField(String original, String broken, String message)
      throws Exception {
    String yaml = Files.readString(SHIPPED);
    assertThat(yaml).contains(original);

    assertThatThrownBy(() -> EnergyConfigFile.parse(yaml.replace(original, broken)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void shouldRejectAFileWithoutSites() {
    assertThatThrownBy(() -> EnergyConfigFile.parse("sites: []")).hasMessageStartingWith("sites:");
    assertThatThrownBy(() -> EnergyConfigFile.parse("site: x"))
        .hasMessageStartingWith("site: unknown field");
  }
}
