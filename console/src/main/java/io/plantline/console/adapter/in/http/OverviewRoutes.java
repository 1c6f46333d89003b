package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.AlarmView;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DownstreamRoles.Service;
import io.plantline.console.domain.Permission;
import io.plantline.contracts.Ids;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * {@code GET /api/v1/overview?site=&limit=}: the plant overview in one request, so a browser does
 * not spend its rate limit on one call per device. For each device of the user's sites (from the
 * registry, sorted by site, area, id; at most {@code limit}, default 48, at most 100): its registry
 * entry, its latest value per metric and a sparkline (averages of {@link #SPARK_STEP} buckets over
 * the last {@link #SPARK_RANGE}) of its first metric, read from the query API with the user's
 * minted token, {@link #PARALLEL} at a time; and its active alarms from the console's alarm book. A
 * device whose reads fail carries an {@code error} instead of figures.
 */
final class OverviewRoutes {
  static final Duration SPARK_RANGE = Duration.ofMinutes(60);
  static final Duration SPARK_STEP = Duration.ofMinutes(2);
  static final int PARALLEL = 6;

  private final Upstream queryApi;
  private final DownstreamTokens tokens;
  private final DeviceRegistry registry;
  private final AlarmBook alarms;
  private final Clock clock;

  OverviewRoutes(
      Upstream queryApi,
      DownstreamTokens tokens,
      DeviceRegistry registry,
      AlarmBook alarms,
      Clock clock) {
    this.queryApi = queryApi;
    this.tokens = tokens;
    this.registry = registry;
    this.alarms = alarms;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/v1/overview").handler(this::overview);
  }

  private void overview(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    String site = ctx.request().getParam("site");
    if (site != null && !Authentication.requireSite(ctx, user, site)) {
      return;
    }
    int limit;
    try {
      String text = ctx.request().getParam("limit");
      limit = text == null ? 48 : Integer.parseInt(text);
      if (limit < 1 || limit > 100) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      ApiErrors.error(ctx, 400, "limit must be 1..100");
      return;
    }
    int max = limit;
    registry
        .devices()
        .onSuccess(
            all -> {
              List<JsonObject> mine =
                  all.stream()
                      .filter(d -> user.sites().includes(d.getString("siteId")))
                      .filter(d -> site == null || site.equals(d.getString("siteId")))
                      .sorted(
                          Comparator.comparing((JsonObject d) -> d.getString("siteId", ""))
                              .thenComparing(d -> d.getString("areaId", ""))
                              .thenComparing(d -> d.getString("deviceId", "")))
                      .toList();
              List<JsonObject> shown = mine.subList(0, Math.min(max, mine.size()));
              String token = tokens.mint(user, Service.QUERY_API);
              Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
              Deque<JsonObject> queue = new ArrayDeque<>(shown);
              JsonArray devices = new JsonArray();
              shown.forEach(d -> devices.add(d.copy()));
              Promise<Void> done = Promise.promise();
              int[] running = {0};
              for (int i = 0; i < PARALLEL; i++) {
                next(queue, devices, token, now, running, done);
              }
              if (shown.isEmpty()) {
                done.tryComplete();
              }
              done.future()
                  .onComplete(
                      v ->
                          ApiErrors.json(
                              ctx,
                              200,
                              new JsonObject()
                                  .put("generatedAt", now.toString())
                                  .put("devices", devices)
                                  .put("total", mine.size())
                                  .put("truncated", mine.size() > shown.size())));
            })
        .onFailure(e -> ProxyRoutes.fail(ctx, e));
  }

  private void next(
      Deque<JsonObject> queue,
      JsonArray out,
      String token,
      Instant now,
      int[] running,
      Promise<Void> done) {
    JsonObject device = queue.poll();
    if (device == null) {
      if (running[0] == 0) {
        done.tryComplete();
      }
      return;
    }
    running[0]++;
    JsonObject entry = find(out, device.getString("deviceId"));
    fill(entry, token, now)
        .onComplete(
            r -> {
              running[0]--;
              next(queue, out, token, now, running, done);
            });
  }

  private Future<Void> fill(JsonObject entry, String token, Instant now) {
    String id = entry.getString("deviceId");
    List<AlarmView> active = alarms.list(a -> id.equals(a.deviceId()) && a.active(), 100);
    entry.put("activeAlarms", active.size());
    if (!active.isEmpty()) {
      entry.put("worstSeverity", active.get(0).severity().name());
    }
    if (!Ids.isValid(id)) {
      return Future.succeededFuture();
    }
    return queryApi
        .send(HttpMethod.GET, "/api/v1/devices/" + id + "/latest", token, null)
        .compose(
            latest -> {
              if (latest.status() != 200 || !latest.json()) {
                entry.put(
                    "error", "latest values: " + queryApi.name() + " answered " + latest.status());
                return Future.succeededFuture();
              }
              JsonArray metrics =
                  latest.body().toJsonObject().getJsonArray("metrics", new JsonArray());
              entry.put("metrics", metrics);
              if (metrics.isEmpty()) {
                return Future.succeededFuture();
              }
              String metric = metrics.getJsonObject(0).getString("metric");
              String path =
                  "/api/v1/devices/"
                      + id
                      + "/telemetry?metric="
                      + URLEncoder.encode(metric, StandardCharsets.UTF_8)
                      + "&from="
                      + now.minus(SPARK_RANGE)
                      + "&to="
                      + now
                      + "&step="
                      + SPARK_STEP;
              return queryApi
                  .send(HttpMethod.GET, path, token, null)
                  .map(
                      series -> {
                        if (series.status() == 200 && series.json()) {
                          JsonArray points = new JsonArray();
                          for (Object o :
                              series
                                  .body()
                                  .toJsonObject()
                                  .getJsonArray("buckets", new JsonArray())) {
                            JsonObject b = (JsonObject) o;
                            points.add(
                                new JsonObject()
                                    .put("t", b.getString("start"))
                                    .put("v", b.getValue("avg")));
                          }
                          entry.put(
                              "sparkline",
                              new JsonObject().put("metric", metric).put("points", points));
                        }
                        return (Void) null;
                      });
            })
        .otherwise(
            e -> {
              entry.put("error", e.getMessage());
              return null;
            });
  }

  private static JsonObject find(JsonArray devices, String id) {
    for (Object o : devices) {
      JsonObject d = (JsonObject) o;
      if (id != null && id.equals(d.getString("deviceId"))) {
        return d;
      }
    }
    throw new IllegalStateException("device " + id + " not in the list");
  }
}
