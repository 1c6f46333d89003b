package io.plantline.ingestion.cli;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The unauthenticated operations routes of the ingestion processes: {@code /health/live}, {@code
 * /health/ready} (503 until ready) and {@code /metrics} (Prometheus text).
 */
public final class OpsEndpoints {
  private OpsEndpoints() {}

  /** A Prometheus registry with JVM memory, GC, thread and CPU meters bound. */
  @SuppressWarnings("resource")
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  /** Adds the three routes to {@code router}. */
  public static void mount(
      Router router, PrometheusMeterRegistry registry, Supplier<Future<Boolean>> ready) {
    router
        .get("/health/live")
        .handler(ctx -> json(ctx.response(), 200, new JsonObject().put("status", "UP")));
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
                          json(
                              ctx.response(),
                              up ? 200 : 503,
                              new JsonObject().put("status", up ? "UP" : "DOWN"));
                        }));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
  }

  private static void json(
      io.vertx.core.http.HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
