package io.plantline.ingestion.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * The small HTTP server of an ingestion process that has no other: the {@link OpsEndpoints} routes
 * ({@code /health/live}, {@code /health/ready} from the supplied check, Prometheus {@code
 * /metrics}).
 */
public final class OperationsServer extends VerticleBase {
  private final String host;
  private final int requestedPort;
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  /**
   * @param host address to bind
   * @param port port to bind, 0 for any free one
   * @param ready whether the process is ready
   * @param registry the meters exposed on /metrics
   */
  public OperationsServer(
      String host, int port, BooleanSupplier ready, PrometheusMeterRegistry registry) {
    this.host = host;
    this.requestedPort = port;
    this.ready = ready;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OpsEndpoints.mount(router, registry, () -> Future.succeededFuture(ready.getAsBoolean()));
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
