package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.AlarmView;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.LiveUpdates;
import io.plantline.console.domain.Permission;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live updates as server-sent events, and the {@link LiveUpdates} port that feeds them.
 *
 * <p>{@code GET /api/v1/events} (Bearer token, or {@code ?ticket=} from {@code POST
 * /api/v1/events/ticket}) streams {@code alarm}, {@code device-status} and {@code work-order}
 * events of the user's sites, a comment every {@link #HEARTBEAT} so proxies keep the connection,
 * and ends with an {@code expired} event when the user's token expires. A client that does not read
 * (its write queue full) is disconnected rather than buffered for. At most {@code perUser} streams
 * per user and {@code total} in all (429 / 503 beyond).
 *
 * <p>Events travel from the Kafka consumer thread over the Vert.x event bus (local only).
 */
final class EventStreamRoutes implements LiveUpdates {
  static final String ADDRESS = "plantline.console.live";
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final EventTickets tickets;
  private final int perUser;
  private final int total;
  private final Map<String, Integer> streams = new HashMap<>();
  private final AtomicInteger open = new AtomicInteger();

  EventStreamRoutes(Vertx vertx, EventTickets tickets, int perUser, int total) {
    this.vertx = vertx;
    this.tickets = tickets;
    this.perUser = perUser;
    this.total = total;
  }

  void mount(Router router) {
    router.post("/api/v1/events/ticket").handler(this::ticket);
    router.get(Authentication.EVENTS_PATH).handler(this::stream);
  }

  /** Streams open now. */
  int openStreams() {
    return open.get();
  }

  @Override
  public void alarm(AlarmView alarm) {
    publish("alarm", alarm.siteId(), AlarmJson.alarm(alarm));
  }

  @Override
  public void deviceStatus(DeviceStatus status) {
    publish("device-status", status.siteId(), AlarmJson.deviceStatus(status));
  }

  @Override
  public void workOrder(WorkOrderEvent event, String siteId) {
    publish("work-order", siteId, AlarmJson.workOrder(event, siteId));
  }

  private void publish(String type, String siteId, JsonObject data) {
    vertx
        .eventBus()
        .publish(
            ADDRESS, new JsonObject().put("type", type).put("siteId", siteId).put("data", data));
  }

  private void ticket(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user != null) {
      ApiErrors.json(
          ctx,
          200,
          new JsonObject()
              .put("ticket", tickets.issue(user))
              .put("expiresInSeconds", EventTickets.LIFETIME.toSeconds()));
    }
  }

  private void stream(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    if (open.get() >= total) {
      ApiErrors.error(ctx, 503, "too many event streams open");
      return;
    }
    if (streams.getOrDefault(user.username(), 0) >= perUser) {
      ApiErrors.tooManyRequests(ctx, 5_000_000_000L, "too many event streams for this user");
      return;
    }
    streams.merge(user.username(), 1, Integer::sum);
    open.incrementAndGet();
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 5000\n: connected\n\n");
    Runnable[] cleanup = new Runnable[1];
    MessageConsumer<JsonObject> consumer =
        vertx
            .eventBus()
            .localConsumer(
                ADDRESS,
                message -> {
                  JsonObject event = message.body();
                  if (!user.sites().includes(event.getString("siteId"))) {
                    return;
                  }
                  if (response.writeQueueFull()) {
                    cleanup[0].run();
                    response.reset();
                    return;
                  }
                  response.write(
                      "event: "
                          + event.getString("type")
                          + "\ndata: "
                          + event.getJsonObject("data").encode()
                          + "\n\n");
                });
    long heartbeat = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> response.write(": ping\n\n"));
    long untilExpiry = Math.max(1, Duration.between(Instant.now(), user.expiresAt()).toMillis());
    long expiry =
        vertx.setTimer(
            untilExpiry,
            id -> {
              response.write("event: expired\ndata: {}\n\n");
              cleanup[0].run();
              response.end();
            });
    boolean[] done = new boolean[1];
    cleanup[0] =
        () -> {
          if (done[0]) {
            return;
          }
          done[0] = true;
          consumer.unregister();
          vertx.cancelTimer(heartbeat);
          vertx.cancelTimer(expiry);
          streams.computeIfPresent(user.username(), (k, n) -> n <= 1 ? null : n - 1);
          open.decrementAndGet();
        };
    response.closeHandler(v -> cleanup[0].run());
    response.exceptionHandler(e -> cleanup[0].run());
  }
}
