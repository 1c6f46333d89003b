package io.plantline.simulators.adapter.in.http;

import io.plantline.simulators.device.DeviceAction;
import io.plantline.simulators.device.DeviceActions;
import io.plantline.simulators.device.ServedCounter;
import io.plantline.simulators.device.SimulatedDevice;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The simulator's REST control API, for testers: list devices, read their values, inject and clear
 * faults and apply scenario actions at runtime. Every request needs {@code Authorization: Bearer
 * <token>}; bodies are JSON of at most 16 KiB.
 *
 * <ul>
 *   <li>{@code GET /api/v1/plant} — plant, simulated time, devices with endpoints and faults
 *   <li>{@code GET /api/v1/devices/{id}} — one device with its current engineering values
 *   <li>{@code POST /api/v1/devices/{id}/actions} — {@code {"action":"fault","fault":"delay",
 *       "delayMillis":500}}, {@code {"action":"bearing-degradation","wearPerRunningHour":2}}, ...
 *   <li>{@code DELETE /api/v1/devices/{id}/faults} — clears transport and sensor faults
 *   <li>{@code GET /api/v1/ledger} — with a served-read counter: per device the reads served and
 *       the transport faults applied; 404 without one
 * </ul>
 */
public final class ControlApi extends VerticleBase {
  private final String host;
  private final int requestedPort;
  private final byte[] token;
  private final Map<String, DeviceView> devices = new LinkedHashMap<>();
  private final Supplier<JsonObject> plantSummary;
  private final OptionalInt servedCounterAddress;
  private HttpServer server;

  /** What the API shows of a device: the device and where it is served. */
  public record DeviceView(SimulatedDevice device, String endpoint) {}

  /**
   * @param servedCounterAddress the input register of the devices' served-read counters, empty when
   *     they have none (the ledger is off)
   */
  public ControlApi(
      String host,
      int port,
      String token,
      List<DeviceView> views,
      OptionalInt servedCounterAddress,
      Supplier<JsonObject> plantSummary) {
    this.host = host;
    this.requestedPort = port;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.servedCounterAddress = servedCounterAddress;
    this.plantSummary = plantSummary;
    views.forEach(v -> devices.put(v.device().identity().deviceId(), v));
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.get("/api/v1/plant").handler(this::plant);
    router.get("/api/v1/devices/:id").handler(ctx -> withDevice(ctx, this::device));
    router.post("/api/v1/devices/:id/actions").handler(ctx -> withDevice(ctx, this::action));
    router.delete("/api/v1/devices/:id/faults").handler(ctx -> withDevice(ctx, this::clearFaults));
    router.get("/api/v1/ledger").handler(this::ledger);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(requestedPort, host)
        .onSuccess(s -> server = s);
  }

  public int port() {
    return server.actualPort();
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    byte[] presented =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(presented, token)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      error(ctx, 401, "missing or wrong bearer token");
      return;
    }
    ctx.next();
  }

  private void plant(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    devices.values().forEach(v -> list.add(summary(v)));
    json(ctx, 200, plantSummary.get().put("devices", list));
  }

  private void device(RoutingContext ctx, DeviceView view) {
    JsonObject values = new JsonObject();
    view.device().values().forEach(values::put);
    json(ctx, 200, summary(view).put("values", values));
  }

  private void action(RoutingContext ctx, DeviceView view) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException e) {
      error(ctx, 400, "body is not a JSON object: " + e.getMessage());
      return;
    }
    if (body == null) {
      error(ctx, 400, "body is required: {\"action\": ...}");
      return;
    }
    try {
      DeviceAction action = DeviceActions.parse(body.getMap());
      action.applyTo(view.device());
      json(ctx, 200, new JsonObject().put("applied", action.description()));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      error(ctx, 400, e.getMessage());
    }
  }

  /** Served reads and applied transport faults of every device with a served-read counter. */
  private void ledger(RoutingContext ctx) {
    if (servedCounterAddress.isEmpty()) {
      error(
          ctx,
          404,
          "the served-read ledger is off; start the simulator with --served-counter ADDRESS");
      return;
    }
    JsonArray list = new JsonArray();
    for (DeviceView view : devices.values()) {
      SimulatedDevice d = view.device();
      d.servedCounter().ifPresent(counter -> list.add(ledgerEntry(d, counter)));
    }
    json(
        ctx,
        200,
        new JsonObject()
            .put("servedCounterAddress", servedCounterAddress.getAsInt())
            .put("devices", list));
  }

  private static JsonObject ledgerEntry(SimulatedDevice d, ServedCounter counter) {
    ServedCounter.Snapshot served = counter.snapshot();
    JsonObject faults = new JsonObject();
    d.faultsApplied().forEach((kind, count) -> faults.put(kind.wireName(), count));
    return new JsonObject()
        .put("deviceId", d.identity().deviceId())
        .put("served", served.served())
        .put("firstServedAt", served.firstServedAt().map(Object::toString).orElse(null))
        .put("lastServedAt", served.lastServedAt().map(Object::toString).orElse(null))
        .put("transportFaults", faults);
  }

  private void clearFaults(RoutingContext ctx, DeviceView view) {
    view.device().clearFaults();
    json(ctx, 200, summary(view));
  }

  private void withDevice(
      RoutingContext ctx, java.util.function.BiConsumer<RoutingContext, DeviceView> handler) {
    DeviceView view = devices.get(ctx.pathParam("id"));
    if (view == null) {
      error(ctx, 404, "no device " + ctx.pathParam("id"));
      return;
    }
    handler.accept(ctx, view);
  }

  private static JsonObject summary(DeviceView view) {
    SimulatedDevice d = view.device();
    JsonObject faults = new JsonObject();
    d.faults().forEach((kind, spec) -> faults.put(kind.wireName(), spec.toString()));
    JsonObject faultsUntil = new JsonObject();
    d.faultDeadlines().forEach((kind, until) -> faultsUntil.put(kind.wireName(), until.toString()));
    return new JsonObject()
        .put("deviceId", d.identity().deviceId())
        .put("siteId", d.identity().siteId())
        .put("areaId", d.identity().areaId())
        .put("model", d.identity().model())
        .put("registerMap", d.registerMap().deviceType() + "@" + d.registerMap().version())
        .put("endpoint", view.endpoint())
        .put("unitId", d.unitId())
        .put("requests", d.requests())
        .put("faultsInjected", d.faultsInjected())
        .put("faults", faults)
        .put("faultsUntil", faultsUntil);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }
}
