package io.plantline.console.it;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small local HTTP server standing in for the console's upstreams in tests: the query API's
 * device routes, the scheduling service's work-order routes and an edge gateway's {@code /metrics}.
 * Like the real services it verifies the Bearer token with the shared HS256 secret (401 otherwise);
 * it records every request it accepted with the token's claims, so tests can check what the console
 * minted and that refused requests never arrived.
 */
public final class StubServices implements AutoCloseable {

  /**
   * A request the stub accepted.
   *
   * @param method HTTP method
   * @param path the path
   * @param query the query string, or null
   * @param claims the verified token's claims
   * @param body the body, or null
   */
  public record Seen(String method, String path, String query, JsonObject claims, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final JWTAuth auth;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> devices = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> workOrders = new ConcurrentHashMap<>();
  private volatile String gatewayMetrics = "";
  private final HttpServer server;

  public StubServices(String sharedSecret) throws Exception {
    auth =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(sharedSecret.strip())));
    Router router = Router.router(vertx);
    router
        .get("/metrics")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end(gatewayMetrics));
    router.route("/api/*").handler(this::verify);
    router.route("/api/*").handler(BodyHandler.create());
    router.route("/api/*").handler(this::record);
    router
        .get("/api/v1/devices")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject().put("devices", new JsonArray(List.copyOf(devices.values())))));
    router.get("/api/v1/devices/slow-1/latest").handler(ctx -> {}); // never answers
    router.get("/api/v1/devices/:id/latest").handler(this::latest);
    router.get("/api/v1/devices/:id/telemetry").handler(this::telemetry);
    router.get("/api/v1/work-orders").handler(this::listOrders);
    router
        .post("/api/v1/work-orders")
        .handler(
            ctx -> json(ctx, 201, new JsonObject().put("workOrderId", "WO-new").put("version", 1)));
    router.get("/api/v1/work-orders/:id").handler(this::getOrder);
    router.post("/api/v1/work-orders/:id/transitions").handler(this::transition);
    router.post("/api/v1/work-orders/:id/comments").handler(this::comment);
    router
        .get("/api/v1/assets/:id/reliability")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("assetId", ctx.pathParam("id"))
                        .put("failures", 1)
                        .put("repairs", 0)));
    mountQuality(router);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** Base URL of the stub. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Adds a device to the registry. */
  public void device(String id, String site, String area, String state) {
    devices.put(
        id,
        new JsonObject()
            .put("deviceId", id)
            .put("siteId", site)
            .put("areaId", area)
            .put("lastState", state)
            .put("lastStateAt", Instant.now().minusSeconds(600).toString())
            .put("bootEpoch", 1)
            .put("lastSeen", Instant.now().minusSeconds(2).toString()));
  }

  /** Adds (or replaces) a work order in the state the scheduling service would answer. */
  public void workOrder(JsonObject order) {
    workOrders.put(order.getString("workOrderId"), order.copy());
  }

  /** The work order as the stub holds it now. */
  public JsonObject workOrder(String id) {
    return workOrders.get(id).copy();
  }

  /** Sets the text served on /metrics. */
  public void gatewayMetrics(String text) {
    gatewayMetrics = text;
  }

  /** Requests accepted so far. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Accepted requests whose path starts with {@code prefix}. */
  public List<Seen> seen(String method, String prefix) {
    return seen.stream()
        .filter(s -> s.method().equals(method) && s.path().startsWith(prefix))
        .toList();
  }

  public void forget() {
    seen.clear();
  }

  private void verify(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      json(ctx, 401, new JsonObject().put("error", "no token"));
      return;
    }
    auth.authenticate(new TokenCredentials(header.substring(7)))
        .onSuccess(
            user -> {
              ctx.put("claims", payload(header.substring(7)));
              ctx.next();
            })
        .onFailure(e -> json(ctx, 401, new JsonObject().put("error", e.getMessage())));
  }

  private void record(RoutingContext ctx) {
    seen.add(
        new Seen(
            ctx.request().method().name(),
            ctx.request().path(),
            ctx.request().query(),
            ctx.get("claims"),
            ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asString()));
    ctx.next();
  }

  /**
   * The quality service's routes: characteristic {@code bore-diameter} on device press-3 and {@code
   * fill-weight} on pump-7, a chart of three points (the last one violating WE1), and a re-baseline
   * that answers the new version with the token's subject as actor.
   */
  private void mountQuality(Router router) {
    Map<String, JsonObject> characteristics =
        Map.of(
            "bore-diameter", characteristic("bore-diameter", "press-3", "XBAR_R"),
            "fill-weight", characteristic("fill-weight", "pump-7", "I_MR"));
    String base = "/api/v1/quality/characteristics";
    router
        .get(base)
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put(
                            "characteristics",
                            new JsonArray()
                                .add(characteristics.get("bore-diameter"))
                                .add(characteristics.get("fill-weight")))));
    router
        .get(base + "/:id")
        .handler(
            ctx -> {
              JsonObject c = characteristics.get(ctx.pathParam("id"));
              json(
                  ctx,
                  c == null ? 404 : 200,
                  c == null ? new JsonObject().put("error", "no characteristic") : c);
            });
    router
        .get(base + "/:id/chart")
        .handler(
            ctx -> {
              JsonArray points = new JsonArray();
              double[] values = {25.001, 24.999, 25.009};
              for (int i = 0; i < values.length; i++) {
                points.add(
                    new JsonObject()
                        .put("subgroup", i + 26)
                        .put("at", Instant.now().minusSeconds(60L * (3 - i)).toString())
                        .put("value", values[i])
                        .put("cl", 25.0)
                        .put("ucl", 25.0054)
                        .put("lcl", 24.9946)
                        .put(
                            "violations",
                            i < 2
                                ? new JsonArray()
                                : new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("rule", "WE1")
                                            .put("subgroups", new JsonArray().add(28)))));
              }
              json(
                  ctx,
                  200,
                  new JsonObject()
                      .put("characteristicId", ctx.pathParam("id"))
                      .put("primary", "X̄")
                      .put("points", points));
            });
    router
        .get(base + "/:id/capability")
        .handler(
            ctx -> {
              JsonObject cp =
                  new JsonObject().put("value", 1.25).put("lower", 1.1).put("upper", 1.4);
              json(
                  ctx,
                  200,
                  new JsonObject()
                      .put("n", 100)
                      .put("mean", 25.0004)
                      .put("sigmaWithin", 0.004)
                      .put("confidence", 0.95)
                      .put("cp", cp)
                      .put("cpk", cp)
                      .put("pp", cp)
                      .put("ppk", cp)
                      .put("cpm", cp)
                      .put(
                          "normality",
                          new JsonObject().put("pValue", 0.42).put("normalAt5Percent", true)));
            });
    router
        .get(base + "/:id/limits")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put(
                            "versions",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("version", 1)
                                        .put("center", 25.0)
                                        .put("sigma", 0.004)
                                        .put("subgroupsUsed", 25)
                                        .put("frozenAt", Instant.now().toString())
                                        .put("actor", "system")
                                        .put(
                                            "reason",
                                            "baseline collected from the live stream")))));
    router
        .post(base + "/:id/rebaseline")
        .handler(
            ctx ->
                json(
                    ctx,
                    202,
                    new JsonObject()
                        .put("phase", "II")
                        .put("version", 2)
                        .put("actor", ((JsonObject) ctx.get("claims")).getString("sub"))));
  }

  private static JsonObject characteristic(String id, String device, String chart) {
    return new JsonObject()
        .put("id", id)
        .put("deviceId", device)
        .put("metric", "measured_dimension_mm")
        .put("chart", chart)
        .put("subgroupSize", chart.equals("I_MR") ? 1 : 5)
        .put("rules", new JsonArray().add("WE1").add("WE2"))
        .put("phase", "II")
        .put("limitVersion", 1)
        .put("baselineCollected", 0)
        .put("baselineSubgroups", 25)
        .put("spec", new JsonObject().put("lsl", 24.985).put("usl", 25.015).put("target", 25.0));
  }

  private void latest(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!devices.containsKey(id)) {
      json(ctx, 404, new JsonObject().put("error", "unknown device " + id));
      return;
    }
    json(
        ctx,
        200,
        new JsonObject()
            .put("deviceId", id)
            .put(
                "metrics",
                new JsonArray()
                    .add(metric("current", 12.4, "A"))
                    .add(metric("temperature", 96.2, "°C"))
                    .add(metric("vibration", 2.1, "mm/s"))));
  }

  private static JsonObject metric(String name, double value, String unit) {
    return new JsonObject()
        .put("metric", name)
        .put("value", value)
        .put("unit", unit)
        .put("quality", "GOOD")
        .put("sourceTime", Instant.now().minusSeconds(3).toString());
  }

  /** Buckets of a slow rise with a wobble, computed from the asked range and step. */
  private void telemetry(RoutingContext ctx) {
    Instant from = Instant.parse(ctx.request().getParam("from"));
    Instant to = Instant.parse(ctx.request().getParam("to"));
    Duration step = Duration.parse(ctx.request().getParam("step"));
    JsonArray buckets = new JsonArray();
    int i = 0;
    for (Instant t = from; t.isBefore(to); t = t.plus(step), i++) {
      double avg =
          70
              + 25.0 * i / Math.max(1, Duration.between(from, to).dividedBy(step))
              + 2 * Math.sin(i / 3.0);
      buckets.add(
          new JsonObject()
              .put("start", t.toString())
              .put("firstTime", t.toString())
              .put("count", 12)
              .put("min", avg - 1.5)
              .put("max", avg + 1.5)
              .put("avg", avg));
    }
    json(
        ctx,
        200,
        new JsonObject()
            .put("deviceId", ctx.pathParam("id"))
            .put("metric", ctx.request().getParam("metric"))
            .put("from", from.toString())
            .put("to", to.toString())
            .put("step", step.toString())
            .put("buckets", buckets));
  }

  private void listOrders(RoutingContext ctx) {
    String site = ctx.request().getParam("siteId");
    String asset = ctx.request().getParam("assetId");
    JsonArray items = new JsonArray();
    workOrders.values().stream()
        .filter(o -> site == null || site.equals(o.getString("siteId")))
        .filter(o -> asset == null || asset.equals(o.getString("assetId")))
        .forEach(o -> items.add(o.copy()));
    json(ctx, 200, new JsonObject().put("items", items));
  }

  private void getOrder(RoutingContext ctx) {
    JsonObject order = workOrders.get(ctx.pathParam("id"));
    if (order == null) {
      json(ctx, 404, new JsonObject().put("error", "no work order " + ctx.pathParam("id")));
    } else {
      ctx.response().putHeader("ETag", "\"" + order.getLong("version") + "\"");
      json(ctx, 200, order);
    }
  }

  private void transition(RoutingContext ctx) {
    JsonObject order = workOrders.get(ctx.pathParam("id"));
    if (order == null) {
      json(ctx, 404, new JsonObject().put("error", "no work order " + ctx.pathParam("id")));
      return;
    }
    String action = ctx.body().asJsonObject().getString("action");
    String next =
        switch (action == null ? "" : action) {
          case "assign" ->
              order.getString("status").equals("OPEN")
                      || order.getString("status").equals("ASSIGNED")
                  ? "ASSIGNED"
                  : null;
          case "start" -> order.getString("status").equals("ASSIGNED") ? "IN_PROGRESS" : null;
          case "complete" -> order.getString("status").equals("IN_PROGRESS") ? "DONE" : null;
          case "cancel" -> "CANCELLED";
          case "verify" -> order.getString("status").equals("DONE") ? "VERIFIED" : null;
          default -> null;
        };
    if (next == null) {
      json(
          ctx,
          409,
          new JsonObject()
              .put(
                  "error",
                  "cannot " + action + " a work order in status " + order.getString("status")));
      return;
    }
    synchronized (order) {
      order.put("status", next).put("version", order.getLong("version") + 1);
      if ("assign".equals(action)) {
        order.put("assignee", ctx.body().asJsonObject().getString("assignee"));
      }
    }
    json(
        ctx,
        200,
        new JsonObject()
            .put("workOrderId", order.getString("workOrderId"))
            .put("version", order.getLong("version")));
  }

  private void comment(RoutingContext ctx) {
    JsonObject order = workOrders.get(ctx.pathParam("id"));
    if (order == null) {
      json(ctx, 404, new JsonObject().put("error", "no work order"));
      return;
    }
    JsonObject claims = ctx.get("claims");
    order
        .getJsonArray("notes")
        .add(
            new JsonObject()
                .put("author", claims.getString("sub"))
                .put("text", ctx.body().asJsonObject().getString("text"))
                .put("at", Instant.now().toString()));
    order.put("version", order.getLong("version") + 1);
    json(
        ctx,
        201,
        new JsonObject()
            .put("workOrderId", order.getString("workOrderId"))
            .put("version", order.getLong("version")));
  }

  private static JsonObject payload(String token) {
    return new JsonObject(
        new String(
            java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  /** A work order as the scheduling service's GET returns it. */
  public static JsonObject order(
      String id, String site, String asset, String alarmId, String status) {
    return new JsonObject()
        .put("workOrderId", id)
        .put("siteId", site)
        .put("assetId", asset)
        .put("priority", "HIGH")
        .put("status", status)
        .put("version", 1)
        .put(
            "reason",
            "winding-overtemperature on " + asset + ": check cooling and winding insulation")
        .put("occurrences", 1)
        .put("alarmIds", alarmId == null ? new JsonArray() : new JsonArray().add(alarmId))
        .put("ruleId", "winding-overtemperature")
        .put("evidence", new JsonObject().put("temperature.mean", 96.2).put("threshold", 90.0))
        .put("notes", new JsonArray())
        .put("openedAt", Instant.now().minusSeconds(30).toString())
        .put("lastSeen", Instant.now().minusSeconds(30).toString());
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
