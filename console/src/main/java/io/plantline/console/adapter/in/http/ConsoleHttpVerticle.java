package io.plantline.console.adapter.in.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.console.adapter.out.audit.AuditLog;
import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.AlarmCommandSink;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.LiveUpdates;
import io.plantline.console.domain.RateLimiter;
import io.plantline.console.domain.SessionLog;
import io.plantline.console.domain.SessionRevocations;
import io.plantline.console.domain.SetpointCommander;
import io.plantline.console.domain.UserDirectory;
import io.plantline.ingestion.cli.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The console's HTTP server: the web UI (static files from {@code webroot} on the class path), the
 * API gateway and the console's own API. Every response gets the {@link SecurityHeaders}. Every
 * {@code /api/**} route but login needs a console token and passes the user's rate limit; request
 * bodies are capped (413). Health and Prometheus metrics are on {@code /health/live}, {@code
 * /health/ready} and {@code /metrics}.
 */
public final class ConsoleHttpVerticle extends VerticleBase {

  /**
   * What the server works with.
   *
   * @param users the users file's accounts
   * @param userTokenKey the console's HS256 key for user tokens
   * @param previousUserTokenKeys keys of a rotation that still verify the tokens they signed
   * @param downstream mints service tokens
   * @param queryApi the ingestion query API
   * @param scheduling the scheduling service
   * @param registry the device registry reader
   * @param directory device sites
   * @param alarms the alarm book
   * @param commands where alarm commands go
   * @param gateways the gateway metrics scraper
   * @param metrics the meter registry
   * @param ready whether the console is ready (its Kafka consumer assigned)
   * @param quality the quality service, or null when the console has none
   * @param energy the energy service, or null when the console has none
   * @param audit the audit log every state-changing request and login is written to
   * @param setpoints sends operators' setpoints to the gateways, or null when the console has no
   *     MQTT commander
   * @param revocations the sessions ended by a logout, as this replica knows them
   * @param sessions where a logout is recorded for every replica
   */
  public record Ports(
      UserDirectory users,
      String userTokenKey,
      List<String> previousUserTokenKeys,
      DownstreamTokens downstream,
      Upstream queryApi,
      Upstream scheduling,
      DeviceRegistry registry,
      DeviceDirectory directory,
      AlarmBook alarms,
      AlarmCommandSink commands,
      GatewayScraper gateways,
      PrometheusMeterRegistry metrics,
      BooleanSupplier ready,
      Upstream quality,
      Upstream energy,
      AuditLog audit,
      SetpointCommander setpoints,
      SessionRevocations revocations,
      SessionLog sessions) {}

  private final HttpSettings settings;
  private final Ports ports;
  private final Clock clock;
  private EventStreamRoutes events;
  private HttpServer server;

  public ConsoleHttpVerticle(HttpSettings settings, Ports ports, Clock clock) {
    this.settings = settings;
    this.ports = ports;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ConsoleMetrics metrics = new ConsoleMetrics(ports.metrics());
    UserTokens tokens = new UserTokens(vertx, ports.userTokenKey(), ports.previousUserTokenKeys());
    EventTickets tickets = new EventTickets(10_000, System::nanoTime);
    RateLimiter apiLimiter =
        new RateLimiter(settings.ratePerSecond(), settings.burst(), 100_000, System::nanoTime);
    RateLimiter loginByAddress =
        new RateLimiter(
            settings.loginPerMinute() / 60.0, settings.loginPerMinute(), 100_000, System::nanoTime);
    RateLimiter failuresByUser =
        new RateLimiter(1 / 60.0, settings.loginFailures(), 100_000, System::nanoTime);
    SessionRevocations revocations = ports.revocations();
    Gauge.builder("plantline.console.sessions.ended", revocations, SessionRevocations::size)
        .register(ports.metrics());
    Authentication auth = new Authentication(tokens, tickets, revocations, apiLimiter, metrics);
    events = new EventStreamRoutes(vertx, tickets, 4, 1000);
    Gauge.builder("plantline.console.event.streams", events, EventStreamRoutes::openStreams)
        .register(ports.metrics());
    Gauge.builder("plantline.console.alarms", ports.alarms(), AlarmBook::size)
        .register(ports.metrics());

    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    OpsEndpoints.mount(
        router, ports.metrics(), () -> Future.succeededFuture(ports.ready().getAsBoolean()));
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
    AuditRoutes audit = new AuditRoutes(vertx, ports.audit(), clock, ports.metrics());
    // Logins are POSTs under /api/ too: one recorder per request, before login and authentication.
    for (HttpMethod method :
        List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
      router.route("/api/*").method(method).handler(audit.recorder());
    }
    router
        .post("/api/v1/login")
        .handler(bodies)
        .handler(
            new LoginHandler(
                vertx, ports.users(), tokens, loginByAddress, failuresByUser, metrics));
    router.route("/api/*").handler(auth.authenticate()).handler(auth.rateLimit());
    router.route("/api/*").method(HttpMethod.POST).handler(bodies);
    new SessionRoutes(
            vertx,
            settings.defaultSites(),
            tokens,
            ports.users(),
            revocations,
            ports.sessions(),
            clock)
        .mount(router);
    audit.mount(router);
    new AlarmRoutes(vertx, ports.alarms(), ports.commands(), clock).mount(router);
    new SetpointRoutes(vertx, ports.setpoints(), ports.registry(), clock).mount(router);
    events.mount(router);
    new GatewayHealthRoutes(ports.gateways(), ports.directory()).mount(router);
    new OverviewRoutes(
            ports.queryApi(), ports.downstream(), ports.registry(), ports.alarms(), clock)
        .mount(router);
    new ProxyRoutes(
            ports.queryApi(), ports.scheduling(), ports.downstream(), ports.registry(), metrics)
        .mount(router);
    new QualityRoutes(ports.quality(), ports.downstream(), ports.registry(), metrics).mount(router);
    new EnergyRoutes(ports.energy(), ports.downstream(), metrics).mount(router);
    router.route("/api/*").handler(ctx -> ApiErrors.error(ctx, 404, "no such API route"));
    router
        .route()
        .handler(
            StaticHandler.create("webroot")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8"));
    router.route().failureHandler(this::failure);
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(8192)
                .setIdleTimeout((int) Duration.ofMinutes(5).toSeconds()))
        .requestHandler(router)
        .listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Where the Kafka consumer announces changes. */
  public LiveUpdates liveUpdates() {
    return events;
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message =
        switch (status) {
          case 413 -> "request body larger than " + settings.maxBodyBytes() + " bytes";
          case 400 -> "bad request";
          case 404 -> "not found";
          case 405 -> "method not allowed";
          default -> "internal error";
        };
    ApiErrors.error(ctx, status, message);
  }
}
