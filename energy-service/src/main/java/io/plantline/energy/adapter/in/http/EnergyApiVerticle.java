package io.plantline.energy.adapter.in.http;

import io.plantline.energy.domain.BaselinePoint;
import io.plantline.energy.domain.EnergyBaseline;
import io.plantline.energy.domain.EnergyPerformance;
import io.plantline.energy.domain.EnergyReports;
import io.plantline.energy.domain.Machine;
import io.plantline.energy.domain.MeterSeries;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.http.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The energy REST API, read-only (documented in {@code /openapi.yaml}, served without a token).
 * Every {@code /api/**} route needs a Bearer JWT (HS256, the same scheme as the scheduling service)
 * with a {@code roles} claim holding one of {@link #READ_ROLES}. Store reads are blocking and run
 * on worker threads. Answers: 400 naming the field, 401/403, 404 for an unknown site, meter or
 * machine.
 */
public final class EnergyApiVerticle extends VerticleBase {
  /** Roles that may read. */
  public static final Set<String> READ_ROLES =
      Set.of("viewer", "operator", "technician", "planner", "energy-manager");

  /** Longest day range of an EnPI request. */
  static final int MAX_DAYS = 366;

  /**
   * Where to listen.
   *
   * @param host bind address
   * @param port port, 0 for any free one
   */
  public record Listen(String host, int port) {}

  private final Listen listen;
  private final Map<String, SiteEnergy> sites;
  private final EnergyReports reports;
  private final ApiTokens tokens;
  private final OpsEndpoints ops;
  private HttpServer server;

  /**
   * An API over the sites' configuration and the read model, with the operations routes of {@code
   * ops} (null for none).
   */
  public EnergyApiVerticle(
      Listen listen,
      List<SiteEnergy> sites,
      EnergyReports reports,
      ApiTokens tokens,
      OpsEndpoints ops) {
    this.listen = listen;
    this.sites =
        sites.stream()
            .collect(java.util.stream.Collectors.toMap(SiteEnergy::siteId, Function.identity()));
    this.reports = reports;
    this.tokens = tokens;
    this.ops = ops;
  }

  @Override
  public Future<?> start() {
    Buffer openApi = vertx.fileSystem().readFileBlocking("energy-openapi.yaml");
    Router router = Router.router(vertx);
    router
        .get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApi));
    if (ops != null) {
      ops.mount(router);
    }
    router.route("/api/*").handler(JWTAuthHandler.create(tokens.provider(vertx)));
    router.route("/api/*").handler(this::requireRole);
    String base = "/api/v1/energy/sites/:siteId";
    router.get("/api/v1/energy/sites").handler(this::sites);
    router.get(base).handler(ctx -> withSite(ctx, site -> EnergyJson.site(site)));
    router.get(base + "/meters/:meterId/load-profile").handler(this::loadProfile);
    router.get(base + "/meters/:meterId/bill").handler(this::meterBill);
    router.get(base + "/meters/:meterId/peak").handler(this::peak);
    router.get(base + "/machines/:machineId/bill").handler(this::machineBill);
    router.get(base + "/machines/:machineId/enpi").handler(this::enpi);
    router.get(base + "/lines/:lineId/cost").handler(this::lineCost);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(listen.port(), listen.host())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  private void requireRole(RoutingContext ctx) {
    User user = ctx.user();
    Object claim = user == null ? null : user.get("roles");
    List<?> roles =
        claim instanceof JsonArray a
            ? a.getList()
            : claim instanceof String s ? List.of((Object[]) s.split("[ ,]+")) : List.of();
    if (roles.stream().anyMatch(READ_ROLES::contains)) {
      ctx.next();
    } else {
      error(ctx, 403, "a 'roles' claim with one of " + READ_ROLES + " is required", null);
    }
  }

  private void sites(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    sites.values().forEach(s -> all.add(EnergyJson.site(s)));
    json(ctx, 200, new JsonObject().put("sites", all));
  }

  private void loadProfile(RoutingContext ctx) {
    withSite(
        ctx,
        site -> {
          MeterSeries meter = meter(site, ctx);
          LocalDate day = day(ctx, "day");
          return EnergyJson.loadProfile(
              site, meter.deviceId(), day, reports.loadProfile(site, meter, day));
        });
  }

  private void meterBill(RoutingContext ctx) {
    withSite(ctx, site -> EnergyJson.bill(reports.bill(site, meter(site, ctx), period(ctx))));
  }

  private void peak(RoutingContext ctx) {
    withSite(
        ctx,
        site -> {
          YearMonth period = period(ctx);
          return reports
              .peak(meter(site, ctx), period)
              .map(EnergyJson::peak)
              .orElseThrow(() -> new NotFoundException("no peak in " + period));
        });
  }

  private void machineBill(RoutingContext ctx) {
    withSite(
        ctx,
        site -> {
          Machine machine = machine(site, ctx);
          MeterSeries meter = site.meter(machine.meterId()).orElseThrow();
          return EnergyJson.bill(reports.bill(site, meter, period(ctx)))
              .put("machine", machine.id());
        });
  }

  private void lineCost(RoutingContext ctx) {
    withSite(
        ctx,
        site -> {
          String line = ctx.pathParam("lineId");
          var bills = reports.lineCost(site, line, period(ctx));
          if (bills.isEmpty()) {
            throw new NotFoundException("no machines on line " + line);
          }
          JsonObject machines = new JsonObject();
          double energy = 0;
          double total = 0;
          for (var e : bills.entrySet()) {
            machines.put(e.getKey(), EnergyJson.bill(e.getValue()));
            energy += e.getValue().energyKwh();
            total += e.getValue().total();
          }
          return new JsonObject()
              .put("line", line)
              .put("currency", site.tariff().currency())
              .put("energyKwh", energy)
              .put("total", total)
              .put("machines", machines);
        });
  }

  private void enpi(RoutingContext ctx) {
    withSite(
        ctx,
        site -> {
          Machine machine = machine(site, ctx);
          if (ctx.request().getParam("period") != null && ctx.request().getParam("from") == null) {
            YearMonth period = period(ctx);
            return reports
                .enpiOfPeriod(site, machine, period)
                .map(EnergyJson::periodEnpi)
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            "no EnPIs of " + machine.id() + " in " + period + " yet"));
          }
          LocalDate from = day(ctx, "from");
          LocalDate to = day(ctx, "to");
          checkRange("to", from, to);
          Map<LocalDate, EnergyPerformance> days = reports.enpiByDay(site, machine, from, to);
          EnergyBaseline baseline = null;
          EnergyBaseline.Improvement improvement = null;
          if (ctx.request().getParam("baselineFrom") != null) {
            LocalDate bFrom = day(ctx, "baselineFrom");
            LocalDate bTo = day(ctx, "baselineTo");
            checkRange("baselineTo", bFrom, bTo);
            List<BaselinePoint> points =
                EnergyReports.baselinePoints(reports.enpiByDay(site, machine, bFrom, bTo));
            try {
              baseline = EnergyBaseline.fit(points);
            } catch (IllegalArgumentException e) {
              throw new BadRequestException("baselineFrom", e.getMessage());
            }
            improvement = baseline.improvement(EnergyReports.baselinePoints(days));
          }
          return EnergyJson.enpi(machine.id(), days, baseline, improvement);
        });
  }

  private void withSite(RoutingContext ctx, Function<SiteEnergy, JsonObject> answer) {
    String siteId = ctx.pathParam("siteId");
    SiteEnergy site = sites.get(siteId);
    if (site == null) {
      error(ctx, 404, "no site " + siteId, null);
      return;
    }
    blocking(ctx, () -> answer.apply(site));
  }

  private static MeterSeries meter(SiteEnergy site, RoutingContext ctx) {
    String id = ctx.pathParam("meterId");
    return site.meter(id).orElseThrow(() -> new NotFoundException("no meter " + id));
  }

  private static Machine machine(SiteEnergy site, RoutingContext ctx) {
    String id = ctx.pathParam("machineId");
    Machine m = site.machinesById().get(id);
    if (m == null) {
      throw new NotFoundException("no machine " + id);
    }
    return m;
  }

  private static LocalDate day(RoutingContext ctx, String field) {
    String text = ctx.request().getParam(field);
    if (text == null) {
      throw new BadRequestException(field, "missing (a day yyyy-MM-dd)");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "must be a day yyyy-MM-dd, was '" + text + "'");
    }
  }

  private static YearMonth period(RoutingContext ctx) {
    String text = ctx.request().getParam("period");
    if (text == null) {
      throw new BadRequestException("period", "missing (a month yyyy-MM)");
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("period", "must be a month yyyy-MM, was '" + text + "'");
    }
  }

  private static void checkRange(String field, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new BadRequestException(field, "must not be before " + from);
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new BadRequestException(field, "at most " + MAX_DAYS + " days after " + from);
    }
  }

  private void blocking(RoutingContext ctx, Callable<JsonObject> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(
            e -> {
              if (e instanceof BadRequestException bad) {
                error(ctx, 400, bad.getMessage(), bad.field());
              } else if (e instanceof NotFoundException missing) {
                error(ctx, 404, missing.getMessage(), null);
              } else {
                error(ctx, 500, "internal error", null);
              }
            });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String message, String field) {
    JsonObject body = new JsonObject().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    json(ctx, status, body);
  }

  /** Something named in the path does not exist; answered with 404. */
  static final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
      super(message);
    }
  }
}
