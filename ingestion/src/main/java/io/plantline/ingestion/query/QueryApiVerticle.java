package io.plantline.ingestion.query;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.contracts.Ids;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The telemetry query API over the Cassandra history.
 *
 * <ul>
 *   <li>{@code GET /api/v1/devices?pageSize=&pageToken=}: the registry, paged
 *   <li>{@code GET /api/v1/devices/{id}/latest}: latest value per metric
 *   <li>{@code GET /api/v1/devices/{id}/telemetry?metric=&from=&to=&step=}: buckets of {@code step}
 *       (min/max/avg/count/first time), or raw points without a step, capped
 * </ul>
 *
 * Every {@code /api/**} route needs a Bearer JWT (HS256) whose {@code roles} claim holds {@code
 * operator} or {@code viewer}: 401 without or with a bad token, 403 without a role. {@code
 * /health/live}, {@code /health/ready} and {@code /metrics} are open. Errors are JSON {@code
 * {"error": ..., "parameter": ...}}.
 */
public final class QueryApiVerticle extends VerticleBase {
  /** Roles that may read. */
  public static final Set<String> READ_ROLES = Set.of("operator", "viewer");

  /**
   * Where to listen.
   *
   * @param host bind address
   * @param port port, 0 for any free one
   */
  public record Listen(String host, int port) {}

  private final Listen listen;
  private final HistoryReader reader;
  private final JwtKeys keys;
  private final QueryLimits limits;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  /** An API reading through {@code reader}, verifying tokens with {@code keys}. */
  public QueryApiVerticle(
      Listen listen,
      HistoryReader reader,
      JwtKeys keys,
      QueryLimits limits,
      PrometheusMeterRegistry registry) {
    this.listen = listen;
    this.reader = reader;
    this.keys = keys;
    this.limits = limits;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    JWTAuth auth = keys.provider(vertx);
    Router router = Router.router(vertx);
    OpsEndpoints.mount(router, registry, () -> fromStage(reader.ping()));
    router.route("/api/*").handler(JWTAuthHandler.create(auth)).handler(this::requireRole);
    router.get("/api/v1/devices").handler(this::devices);
    router.get("/api/v1/devices/:id/latest").handler(this::latest);
    router.get("/api/v1/devices/:id/telemetry").handler(this::telemetry);
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
    List<Object> roles =
        claim instanceof JsonArray array
            ? array.getList()
            : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
    if (roles.stream().anyMatch(READ_ROLES::contains)) {
      ctx.next();
    } else {
      error(ctx, 403, "a role claim 'roles' with operator or viewer is required", null);
    }
  }

  private void devices(RoutingContext ctx) {
    int pageSize;
    try {
      pageSize = pageSize(ctx.request().getParam("pageSize"));
    } catch (BadQueryException e) {
      badRequest(ctx, e);
      return;
    }
    reply(
        ctx,
        () -> reader.devices(pageSize, ctx.request().getParam("pageToken")),
        page -> {
          JsonArray devices = new JsonArray();
          page.devices().forEach(d -> devices.add(json(d)));
          JsonObject body = new JsonObject().put("devices", devices);
          page.nextPageToken().ifPresent(t -> body.put("nextPageToken", t));
          return body;
        });
  }

  private int pageSize(String text) {
    if (text == null || text.isBlank()) {
      return Math.min(100, limits.maxPageSize());
    }
    try {
      int size = Integer.parseInt(text);
      if (size >= 1 && size <= limits.maxPageSize()) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadQueryException("pageSize", "must be 1.." + limits.maxPageSize() + ": " + text);
  }

  private void latest(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    withKnownDevice(
        ctx,
        id,
        () ->
            reply(
                ctx,
                () -> reader.latest(id),
                rows -> {
                  JsonArray metrics = new JsonArray();
                  rows.forEach(
                      r ->
                          metrics.add(
                              new JsonObject()
                                  .put("metric", r.metric())
                                  .put("value", r.value())
                                  .put("unit", r.unit())
                                  .put("quality", r.quality())
                                  .put("sourceTime", text(r.sourceTime()))));
                  return new JsonObject().put("deviceId", id).put("metrics", metrics);
                }));
  }

  private void telemetry(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    TelemetryQuery query;
    try {
      var p = ctx.request().params();
      query =
          TelemetryQuery.parse(p.get("metric"), p.get("from"), p.get("to"), p.get("step"), limits);
    } catch (BadQueryException e) {
      badRequest(ctx, e);
      return;
    }
    withKnownDevice(ctx, id, () -> reply(ctx, () -> read(id, query), body -> body));
  }

  private CompletionStage<JsonObject> read(String id, TelemetryQuery q) {
    JsonObject body =
        new JsonObject()
            .put("deviceId", id)
            .put("metric", q.metric())
            .put("from", q.from().toString())
            .put("to", q.to().toString());
    if (q.step().isPresent()) {
      Buckets buckets = new Buckets(q.from(), q.to(), q.step().get());
      return reader
          .readings(
              id,
              q.metric(),
              q.from(),
              q.to(),
              p -> {
                buckets.add(p.time(), p.value());
                return true;
              })
          .thenApply(
              v -> {
                JsonArray rows = new JsonArray();
                for (Buckets.Summary s : buckets.summaries()) {
                  rows.add(
                      new JsonObject()
                          .put("start", s.start().toString())
                          .put("firstTime", s.firstTime().toString())
                          .put("count", s.count())
                          .put("min", s.min())
                          .put("max", s.max())
                          .put("avg", s.avg()));
                }
                return body.put("step", q.step().get().toString()).put("buckets", rows);
              });
    }
    List<HistoryReader.Point> points = new ArrayList<>();
    int cap = limits.maxPoints();
    return reader
        .readings(id, q.metric(), q.from(), q.to(), p -> points.add(p) && points.size() <= cap)
        .thenApply(
            v -> {
              JsonArray rows = new JsonArray();
              points.stream()
                  .limit(cap)
                  .forEach(
                      p ->
                          rows.add(
                              new JsonObject()
                                  .put("time", p.time().toString())
                                  .put("value", p.value())
                                  .put("quality", p.quality())));
              body.put("points", rows).put("truncated", points.size() > cap);
              if (points.size() > cap) {
                body.put("nextFrom", points.get(cap).time().toString());
              }
              return body;
            });
  }

  private static JsonObject json(HistoryReader.Device d) {
    return new JsonObject()
        .put("deviceId", d.deviceId())
        .put("siteId", d.siteId())
        .put("areaId", d.areaId())
        .put("lastState", d.lastState())
        .put("lastStateAt", text(d.lastStateAt()))
        .put("bootEpoch", d.bootEpoch())
        .put("lastBirth", text(d.lastBirth()))
        .put("lastDeath", text(d.lastDeath()))
        .put("lastGap", text(d.lastGap()))
        .put("lastGapReason", d.lastGapReason())
        .put("lastSeen", text(d.lastSeen()));
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }

  private void withKnownDevice(RoutingContext ctx, String id, Runnable then) {
    if (!Ids.isValid(id)) {
      error(ctx, 404, "unknown device " + id, null);
      return;
    }
    fromStage(reader.device(id))
        .onComplete(
            r -> {
              if (r.failed()) {
                error(ctx, 503, "history unavailable: " + r.cause().getMessage(), null);
              } else if (r.result().isEmpty()) {
                error(ctx, 404, "unknown device " + id, null);
              } else {
                then.run();
              }
            });
  }

  private <T> void reply(
      RoutingContext ctx,
      java.util.function.Supplier<CompletionStage<T>> read,
      java.util.function.Function<T, JsonObject> render) {
    Future<T> result;
    try {
      result = fromStage(read.get());
    } catch (BadQueryException e) {
      badRequest(ctx, e);
      return;
    }
    result.onComplete(
        r -> {
          if (r.succeeded()) {
            ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(render.apply(r.result()).encode());
          } else if (r.cause() instanceof BadQueryException e) {
            badRequest(ctx, e);
          } else {
            error(ctx, 503, "history unavailable: " + r.cause().getMessage(), null);
          }
        });
  }

  private <T> Future<T> fromStage(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  private static void badRequest(RoutingContext ctx, BadQueryException e) {
    error(ctx, 400, e.reason(), e.parameter());
  }

  private static void error(RoutingContext ctx, int status, String message, String parameter) {
    JsonObject body = new JsonObject().put("error", message);
    if (parameter != null) {
      body.put("parameter", parameter);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
