package io.plantline.service.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The unauthenticated operations routes next to the API: {@code /health/live}, {@code
 * /health/ready} (503 until the supplied check says ready) and {@code /metrics} (Prometheus text).
 */
public final class OpsEndpoints {
  private final PrometheusMeterRegistry registry;
  private final Supplier<Future<Boolean>> ready;

  /**
   * @param registry the meters exposed on /metrics
   * @param ready whether the service is ready (stores reachable, consumers running)
   */
  public OpsEndpoints(PrometheusMeterRegistry registry, Supplier<Future<Boolean>> ready) {
    this.registry = registry;
    this.ready = ready;
  }

  /** Adds the three routes to {@code router}. */
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx.response(), 200, "UP"));
    router
        .get("/health/ready")
        .handler(
            ctx ->
                ready
                    .get()
                    .otherwise(false)
                    .onComplete(
                        r -> {
                          boolean up = Boolean.TRUE.equals(r.result());
                          json(ctx.response(), up ? 200 : 503, up ? "UP" : "DOWN");
                        }));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
  }

  private static void json(io.vertx.core.http.HttpServerResponse response, int status, String up) {
    response
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", up).encode());
  }
}
