package io.plantline.quality.adapter.in.http;

import io.plantline.quality.domain.Capability;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartStore;
import io.plantline.quality.domain.QualityMonitor;
import io.plantline.service.http.ApiTokens;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The quality REST API under {@code /api/v1/quality} (OpenAPI at {@code /openapi.yaml}): Bearer JWT
 * (HS256) with a {@code roles} claim; viewer, quality-engineer or admin read, quality-engineer or
 * admin re-baseline. Errors are {@code {"error", "field"}} with 400, 401, 403, 404 or 409.
 */
public final class QualityApiVerticle extends VerticleBase {
  /** Roles that may read. */
  public static final Set<String> READ_ROLES = Set.of("viewer", "quality-engineer", "admin");

  /** Roles that may re-baseline. */
  public static final Set<String> WRITE_ROLES = Set.of("quality-engineer", "admin");

  private static final Duration MAX_RANGE = Duration.ofDays(31);

  /** Where to listen; port 0 for any. */
  public record Listen(String host, int port) {}

  /** A 400 naming the request value at fault. */
  static final class BadRequest extends RuntimeException {
    final String field;

    BadRequest(String field, String reason) {
      super(field + ": " + reason);
      this.field = field;
    }
  }

  private final Listen listen;
  private final QualityMonitor monitor;
  private final ChartStore store;
  private final ApiTokens tokens;
  private final io.plantline.service.http.OpsEndpoints ops;
  private HttpServer server;

  /** An API over the monitor (commands, characteristics) and the store (chart data). */
  public QualityApiVerticle(
      Listen listen, QualityMonitor monitor, ChartStore store, ApiTokens tokens) {
    this(listen, monitor, store, tokens, null);
  }

  /**
   * The same API with {@code /health/live}, {@code /health/ready} and {@code /metrics} of {@code
   * ops}.
   */
  public QualityApiVerticle(
      Listen listen,
      QualityMonitor monitor,
      ChartStore store,
      ApiTokens tokens,
      io.plantline.service.http.OpsEndpoints ops) {
    this.ops = ops;
    this.listen = listen;
    this.monitor = monitor;
    this.store = store;
    this.tokens = tokens;
  }

  @Override
  public Future<?> start() {
    Buffer openApi = vertx.fileSystem().readFileBlocking("quality-openapi.yaml");
    Router router = Router.router(vertx);
    router
        .get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApi));
    if (ops != null) {
      ops.mount(router);
    } else {
      router
          .get("/health/live")
          .handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    }
    router.route("/api/*").handler(JWTAuthHandler.create(tokens.provider(vertx)));
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.route("/api/*").handler(this::requireRole);
    String base = "/api/v1/quality/characteristics";
    router.get(base).handler(this::list);
    router.get(base + "/:id").handler(this::one);
    router.get(base + "/:id/chart").handler(this::chart);
    router.get(base + "/:id/capability").handler(this::capability);
    router.get(base + "/:id/limits").handler(this::limits);
    router.post(base + "/:id/rebaseline").handler(this::rebaseline);
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
    Object claim = ctx.user() == null ? null : ctx.user().get("roles");
    List<?> roles =
        claim instanceof JsonArray a
            ? a.getList()
            : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
    Set<String> allowed = "GET".equals(ctx.request().method().name()) ? READ_ROLES : WRITE_ROLES;
    if (roles.stream().anyMatch(allowed::contains)) {
      ctx.next();
    } else {
      error(ctx, 403, "a 'roles' claim with one of " + allowed + " is required", null);
    }
  }

  private void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    monitor.characteristics().forEach(c -> all.add(QualityJson.characteristic(c, monitor)));
    json(ctx, 200, new JsonObject().put("characteristics", all));
  }

  private void one(RoutingContext ctx) {
    withCharacteristic(ctx, c -> json(ctx, 200, QualityJson.characteristic(c, monitor)));
  }

  private void chart(RoutingContext ctx) {
    withCharacteristic(
        ctx,
        c -> {
          Instant[] range = range(ctx);
          blocking(
              ctx,
              () -> store.points(c.id(), range[0], range[1]),
              points -> json(ctx, 200, QualityJson.chart(c, range[0], range[1], points)));
        });
  }

  private void capability(RoutingContext ctx) {
    withCharacteristic(
        ctx,
        c -> {
          if (!c.chart().isVariables() || c.spec().isEmpty()) {
            throw new BadRequest("id", "capability needs a variables chart with spec limits");
          }
          Instant[] range = range(ctx);
          double confidence = number(ctx, "confidence", 0.95, 0.5, 0.999);
          var limits = monitor.state(c.id()).orElseThrow().limits();
          if (limits == null) {
            error(ctx, 409, "the chart has no frozen limits yet (Phase I)", null);
            return;
          }
          blocking(
              ctx,
              () -> {
                double[] values =
                    store.points(c.id(), range[0], range[1]).stream()
                        .filter(p -> p.limits() != null)
                        .flatMapToDouble(p -> java.util.Arrays.stream(p.subgroup().values()))
                        .toArray();
                if (values.length < 8) {
                  throw new BadRequest("from", "fewer than 8 values in the range");
                }
                return Capability.of(values, limits.sigma(), c.spec().get(), confidence);
              },
              report -> json(ctx, 200, QualityJson.capability(c, report)));
        });
  }

  private void limits(RoutingContext ctx) {
    withCharacteristic(
        ctx,
        c ->
            blocking(
                ctx,
                () -> store.limitVersions(c.id()),
                versions -> json(ctx, 200, QualityJson.versions(versions))));
  }

  private void rebaseline(RoutingContext ctx) {
    withCharacteristic(
        ctx,
        c -> {
          JsonObject body;
          try {
            body = ctx.body().asJsonObject();
          } catch (DecodeException | ClassCastException e) {
            throw new BadRequest("body", "not a JSON object");
          }
          if (body == null) {
            throw new BadRequest("body", "a JSON object is required");
          }
          Object reason = body.getValue("reason");
          if (!(reason instanceof String text) || text.isBlank() || text.length() > 500) {
            throw new BadRequest("reason", "a text of 1..500 characters is required");
          }
          Instant to = instant(body.getValue("to"), "to", Instant.now());
          Instant from = instant(body.getValue("from"), "from", to.minus(Duration.ofDays(1)));
          if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new BadRequest("from", "must be before 'to' and at most 31 days earlier");
          }
          String actor = ctx.user().principal().getString("sub", "unknown");
          blocking(
              ctx,
              () -> monitor.rebaseline(c.id(), from, to, actor, text),
              version ->
                  json(
                      ctx,
                      202,
                      version
                          .map(v -> QualityJson.version(v).put("phase", "II"))
                          .orElse(
                              new JsonObject()
                                  .put("phase", "I")
                                  .put(
                                      "message",
                                      "too few subgroups in the time-series store; collecting a"
                                          + " baseline from the live stream"))));
        });
  }

  private void withCharacteristic(
      RoutingContext ctx, java.util.function.Consumer<Characteristic> then) {
    String id = ctx.pathParam("id");
    var c = monitor.characteristic(id);
    if (c.isEmpty()) {
      error(ctx, 404, "no characteristic " + id, null);
      return;
    }
    try {
      then.accept(c.get());
    } catch (BadRequest bad) {
      error(ctx, 400, bad.getMessage(), bad.field);
    }
  }

  private static Instant[] range(RoutingContext ctx) {
    Instant to = instant(ctx.request().getParam("to"), "to", Instant.now());
    Instant from = instant(ctx.request().getParam("from"), "from", to.minus(Duration.ofHours(8)));
    if (!from.isBefore(to)) {
      throw new BadRequest("from", "must be before 'to'");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadRequest("from", "the range may span at most 31 days");
    }
    return new Instant[] {from, to};
  }

  private static Instant instant(Object value, String field, Instant fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new BadRequest(field, "an ISO-8601 instant such as 2026-03-01T08:00:00Z is required");
    }
  }

  private static double number(
      RoutingContext ctx, String field, double fallback, double min, double max) {
    String text = ctx.request().getParam(field);
    if (text == null) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest(field, "must be a number in " + min + ".." + max);
  }

  private <T> void blocking(
      RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> reply) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(reply::accept)
        .onFailure(
            e -> {
              if (e instanceof BadRequest bad) {
                error(ctx, 400, bad.getMessage(), bad.field);
              } else if (e instanceof io.plantline.quality.domain.InsufficientBaselineException i) {
                error(ctx, 409, i.getMessage(), null);
              } else {
                error(ctx, 500, "internal error", null);
              }
            });
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String message, String field) {
    JsonObject body = new JsonObject().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    json(ctx, status, body);
  }
}
