package io.plantline.ingestion.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The small HTTP server of an ingestion process: {@code /health/live} (the process runs), {@code
 * /health/ready} (200 when the supplied check passes, else 503) and Prometheus {@code /metrics}.
 */
public final class OperationsServer extends VerticleBase {
  private final String host;
  private final int requestedPort;
  private final BooleanSupplier ready;
  private final Supplier<String> metrics;
  private HttpServer server;

  /**
   * @param host address to bind
   * @param port port to bind, 0 for any free one
   * @param ready whether the process is ready
   * @param metrics the Prometheus text exposition
   */
  public OperationsServer(String host, int port, BooleanSupplier ready, Supplier<String> metrics) {
    this.host = host;
    this.requestedPort = port;
    this.ready = ready;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("live", true)));
    router
        .get("/health/ready")
        .handler(
            ctx -> {
              boolean ok = ready.getAsBoolean();
              ctx.response()
                  .setStatusCode(ok ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .end(new JsonObject().put("ready", ok).encode());
            });
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.get()));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(requestedPort, host)
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }
}
