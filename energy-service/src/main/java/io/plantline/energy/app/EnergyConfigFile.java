package io.plantline.energy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantline.contracts.Ids;
import io.plantline.energy.domain.BillingGrid;
import io.plantline.energy.domain.CounterSpec;
import io.plantline.energy.domain.DemandLimiter;
import io.plantline.energy.domain.Machine;
import io.plantline.energy.domain.MeterSeries;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.energy.domain.Tariff;
import io.plantline.energy.domain.TimeOfUseRate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the site file of the energy service (YAML; see {@code config/plant-small-energy.yaml} for
 * every field with a comment). Every value is validated; a wrong one fails with a {@link
 * ConfigException} whose message starts with the field's path, e.g. {@code
 * sites[0].tariff.rates[1].from: must be a local time HH:mm, was '8am'}.
 */
public final class EnergyConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private EnergyConfigFile() {}

  /** Reads and validates {@code file}. */
  public static List<SiteEnergy> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(
          "(file)", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Parses and validates the YAML text of a site file. */
  public static List<SiteEnergy> parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", "not YAML: " + e.getOriginalMessage());
    }
    if (root == null) {
      throw new ConfigException("sites", "missing");
    }
    ConfigNode file = new ConfigNode(root, "").allow("sites");
    List<SiteEnergy> sites = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode site : file.list("sites", true)) {
      SiteEnergy parsed = site(site);
      if (!ids.add(parsed.siteId())) {
        throw site.invalid("id", "duplicate site " + parsed.siteId());
      }
      sites.add(parsed);
    }
    if (sites.isEmpty()) {
      throw new ConfigException("sites", "at least one site is needed");
    }
    return sites;
  }

  private static SiteEnergy site(ConfigNode n) {
    n.allow(
        "id",
        "timeZone",
        "intervalMinutes",
        "targetPeakKw",
        "billingMeter",
        "alert",
        "tariff",
        "meters",
        "machines");
    String id = id(n, "id");
    ZoneId zone = n.parsed("timeZone", null, "a time zone such as Europe/Berlin", ZoneId::of);
    int minutes = (int) n.number("intervalMinutes", 15, 1, 60);
    BillingGrid grid =
        check(n, "intervalMinutes", () -> new BillingGrid(zone, Duration.ofMinutes(minutes)));
    double target = n.number("targetPeakKw", Double.NaN, 0.001, 1e9);
    Duration settle = Duration.ofMinutes(2);
    Duration lead = Duration.ofMinutes(3);
    if (n.has("alert")) {
      ConfigNode alert = n.object("alert").allow("settleSeconds", "minLeadSeconds");
      settle = Duration.ofSeconds((long) alert.number("settleSeconds", 120, 0, 3600));
      lead = Duration.ofSeconds((long) alert.number("minLeadSeconds", 180, 0, 3600));
    }
    Duration s = settle;
    Duration l = lead;
    DemandLimiter limiter = check(n, "alert", () -> new DemandLimiter(grid, target, s, l));
    Tariff tariff = tariff(n.object("tariff"));
    List<MeterSeries> meters = new ArrayList<>();
    Set<String> meterIds = new HashSet<>();
    for (ConfigNode m : n.list("meters", true)) {
      MeterSeries meter = meter(m);
      if (!meterIds.add(meter.deviceId())) {
        throw m.invalid("deviceId", "duplicate meter " + meter.deviceId());
      }
      meters.add(meter);
    }
    String billing = id(n, "billingMeter");
    if (!meterIds.contains(billing)) {
      throw n.invalid("billingMeter", "must be one of the meters " + meterIds + ", was " + billing);
    }
    List<Machine> machines = new ArrayList<>();
    for (ConfigNode m : n.list("machines", false)) {
      machines.add(machine(m, meterIds));
    }
    return new SiteEnergy(id, grid, tariff, limiter, billing, meters, machines);
  }

  private static Tariff tariff(ConfigNode n) {
    n.allow("currency", "defaultPricePerKwh", "demandChargePerKw", "rates");
    String currency = n.text("currency");
    if (!currency.matches("[A-Z]{3}")) {
      throw n.invalid("currency", "must be an ISO 4217 code such as EUR, was '" + currency + "'");
    }
    List<TimeOfUseRate> rates = new ArrayList<>();
    for (ConfigNode r : n.list("rates", false)) {
      r.allow("name", "days", "from", "to", "pricePerKwh");
      String name = r.text("name");
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (ConfigNode d : r.list("days", true)) {
        days.add(day(d));
      }
      LocalTime from = r.parsed("from", null, "a local time HH:mm", LocalTime::parse);
      LocalTime to =
          r.parsed("to", null, "a local time HH:mm (00:00 for midnight)", LocalTime::parse);
      double price = r.number("pricePerKwh", Double.NaN, 0, 1e6);
      rates.add(check(r, "to", () -> new TimeOfUseRate(name, days, from, to, price)));
    }
    return new Tariff(
        currency,
        rates,
        n.number("defaultPricePerKwh", Double.NaN, 0, 1e6),
        n.number("demandChargePerKw", 0, 0, 1e6));
  }

  private static MeterSeries meter(ConfigNode n) {
    n.allow("deviceId", "counter", "power", "rolloverAt", "maxKw", "maxGapSeconds", "noiseKwh");
    String deviceId = id(n, "deviceId");
    String counter = n.has("counter") ? id(n, "counter") : null;
    String power = n.has("power") ? id(n, "power") : null;
    if (counter == null && power == null) {
      throw n.invalid("counter", "a meter needs a counter or a power metric");
    }
    CounterSpec spec =
        new CounterSpec(
            n.number("rolloverAt", 0, 0, 1e15),
            Duration.ofSeconds((long) n.number("maxGapSeconds", 300, 1, 86_400)),
            n.number("maxKw", Double.NaN, 0.001, 1e9),
            n.number("noiseKwh", 0.01, 0, 1000));
    return new MeterSeries(deviceId, counter, power, spec);
  }

  private static Machine machine(ConfigNode n, Set<String> meterIds) {
    n.allow("id", "line", "meter", "production", "idleKw", "idleIntervals");
    String id = id(n, "id");
    String line = id(n, "line");
    String meter = id(n, "meter");
    if (!meterIds.contains(meter)) {
      throw n.invalid("meter", "must be one of the meters " + meterIds + ", was " + meter);
    }
    MeterSeries production = null;
    if (n.has("production")) {
      ConfigNode p =
          n.object("production")
              .allow("deviceId", "counter", "rolloverAt", "maxUnitsPerHour", "maxGapSeconds");
      production =
          new MeterSeries(
              id(p, "deviceId"),
              id(p, "counter"),
              null,
              new CounterSpec(
                  p.number("rolloverAt", 0, 0, 1e15),
                  Duration.ofSeconds((long) p.number("maxGapSeconds", 300, 1, 86_400)),
                  p.number("maxUnitsPerHour", Double.NaN, 0.001, 1e9),
                  0));
    }
    return new Machine(
        id,
        line,
        meter,
        production,
        n.number("idleKw", 1, 0, 1e9),
        (int) n.number("idleIntervals", 4, 1, 10_000));
  }

  private static DayOfWeek day(ConfigNode d) {
    String text = d.text().strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(text) || day.name().startsWith(text) && text.length() == 3) {
        return day;
      }
    }
    throw new ConfigException(
        d.path(), "must be a day such as MON or MONDAY, was '" + d.text() + "'");
  }

  private static String id(ConfigNode n, String field) {
    String value = n.text(field);
    if (!Ids.isValid(value)) {
      throw n.invalid(
          field, "must be an id ([A-Za-z0-9][A-Za-z0-9._-]{0,63}), was '" + value + "'");
    }
    return value;
  }

  private static <T> T check(ConfigNode n, String field, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(": ");
      throw n.invalid(field, colon > 0 ? message.substring(colon + 2) : message);
    }
  }
}
