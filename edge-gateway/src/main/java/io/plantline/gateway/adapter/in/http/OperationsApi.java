package io.plantline.gateway.adapter.in.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Operations endpoints of the gateway, on loopback by default: {@code /health/live} (the process
 * runs), {@code /health/ready} (journal open, Modbus workers alive), Prometheus {@code /metrics},
 * and {@code POST /api/v1/devices/{id}/points/{point}} with {@code {"value": 1500}} to write a
 * setpoint or command ahead of the polls. Writes need {@code Authorization: Bearer <token>};
 * without a configured token they are disabled (403).
 */
public final class OperationsApi extends VerticleBase {
  private final String host;
  private final int requestedPort;
  private final Supplier<JsonObject> readiness;
  private final Supplier<String> metrics;
  private final Optional<byte[]> writeToken;
  private final PointWriter writer;
  private HttpServer server;

  /** Writes a value to a device point; fails with IllegalArgumentException for unknown ones. */
  public interface PointWriter {
    CompletionStage<Void> write(String deviceId, String point, double value);
  }

  /**
   * @param readiness a JSON report with a boolean {@code ready}
   */
  public OperationsApi(
      String host,
      int port,
      Supplier<JsonObject> readiness,
      Supplier<String> metrics,
      Optional<String> writeToken,
      PointWriter writer) {
    this.host = host;
    this.requestedPort = port;
    this.readiness = readiness;
    this.metrics = metrics;
    this.writeToken = writeToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.writer = writer;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("live", true)));
    router
        .get("/health/ready")
        .handler(
            ctx -> {
              JsonObject report = readiness.get();
              ctx.response()
                  .setStatusCode(report.getBoolean("ready", false) ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .end(report.encode());
            });
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.get()));
    router
        .post("/api/v1/devices/:device/points/:point")
        .handler(BodyHandler.create().setBodyLimit(4096))
        .handler(this::write);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(requestedPort, host)
        .onSuccess(s -> server = s);
  }

  private void write(RoutingContext ctx) {
    if (writeToken.isEmpty()) {
      error(ctx, 403, "writes are disabled: set PLANTLINE_GATEWAY_WRITE_TOKEN to enable them");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] presented =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(presented, writeToken.get())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      error(ctx, 401, "missing or wrong bearer token");
      return;
    }
    Double value;
    try {
      JsonObject body = ctx.body().asJsonObject();
      value = body == null ? null : body.getDouble("value");
    } catch (RuntimeException e) {
      error(ctx, 400, "body must be a JSON object with a numeric \"value\": " + e.getMessage());
      return;
    }
    if (value == null || !Double.isFinite(value)) {
      error(ctx, 400, "body must be a JSON object with a finite numeric \"value\"");
      return;
    }
    try {
      writer
          .write(ctx.pathParam("device"), ctx.pathParam("point"), value)
          .whenComplete(
              (v, e) -> {
                if (e == null) {
                  ctx.json(new JsonObject().put("written", value));
                } else {
                  error(ctx, 502, "the device refused or did not answer: " + e.getMessage());
                }
              });
    } catch (IllegalArgumentException e) {
      error(ctx, 404, e.getMessage());
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  public int port() {
    return server.actualPort();
  }
}
