package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.DownstreamRoles.Service;
import io.plantline.console.domain.Permission;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quality service behind the gateway: {@code /api/v1/quality/characteristics[/{id}[/chart |
 * /capability | /limits]]} to read (permission READ), {@code POST .../{id}/rebaseline} to
 * re-baseline (REBASELINE_CHARTS). Each forwarded request carries a token minted for the user
 * (viewer, or quality-engineer for an administrator), as the scheduling routes do.
 *
 * <p>A characteristic belongs to the site of its device ({@link DeviceRegistry}): a user limited to
 * some sites gets the list filtered to them, and for one characteristic the console reads it first
 * (as the user) and checks its device's site before forwarding. Without a configured quality
 * service every route answers 503.
 */
final class QualityRoutes {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final String BASE = "/api/v1/quality/characteristics";

  private final Upstream quality;
  private final DownstreamTokens tokens;
  private final DeviceRegistry registry;
  private final ConsoleMetrics metrics;

  /**
   * @param quality the quality service, or null when the console has none
   */
  QualityRoutes(
      Upstream quality, DownstreamTokens tokens, DeviceRegistry registry, ConsoleMetrics metrics) {
    this.quality = quality;
    this.tokens = tokens;
    this.registry = registry;
    this.metrics = metrics;
  }

  void mount(Router router) {
    if (quality == null) {
      router
          .route("/api/v1/quality/*")
          .handler(
              ctx ->
                  ApiErrors.error(ctx, 503, "the console has no quality service (--quality-url)"));
      return;
    }
    router.get(BASE).handler(this::list);
    router
        .getWithRegex(BASE + "/(?<id>" + ID + ")(?:/(?<rest>chart|capability|limits))?")
        .handler(ctx -> oneCharacteristic(ctx, Permission.READ));
    router
        .postWithRegex(BASE + "/(?<id>" + ID + ")/(?<rest>rebaseline)")
        .handler(ctx -> oneCharacteristic(ctx, Permission.REBASELINE_CHARTS));
  }

  private void list(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    send(ctx, user, HttpMethod.GET, pathAndQuery(ctx), null)
        .onSuccess(
            r -> {
              if (r.status() != 200 || !r.json() || user.sites().allSites()) {
                ProxyRoutes.relay(ctx, quality, r, null);
                return;
              }
              JsonObject body;
              try {
                body = r.body().toJsonObject();
              } catch (RuntimeException e) {
                ApiErrors.error(ctx, 502, quality.name() + " answered malformed JSON");
                return;
              }
              JsonArray all = body.getJsonArray("characteristics", new JsonArray());
              inScope(user, all)
                  .onSuccess(kept -> ApiErrors.json(ctx, 200, body.put("characteristics", kept)))
                  .onFailure(e -> ProxyRoutes.fail(ctx, e));
            })
        .onFailure(e -> ProxyRoutes.fail(ctx, e));
  }

  private void oneCharacteristic(RoutingContext ctx, Permission permission) {
    ConsoleUser user = Authentication.require(ctx, permission);
    if (user == null) {
      return;
    }
    Buffer body = ctx.request().method() == HttpMethod.POST ? ctx.body().buffer() : null;
    if (user.sites().allSites()) {
      forward(ctx, user, body);
      return;
    }
    String id = ctx.pathParam("id");
    send(ctx, user, HttpMethod.GET, BASE + "/" + id, null)
        .onSuccess(
            r -> {
              if (r.status() != 200 || !r.json()) {
                ProxyRoutes.relay(ctx, quality, r, null);
                return;
              }
              String deviceId;
              try {
                deviceId = r.body().toJsonObject().getString("deviceId");
              } catch (RuntimeException e) {
                ApiErrors.error(ctx, 502, quality.name() + " answered a malformed characteristic");
                return;
              }
              siteOf(deviceId)
                  .onSuccess(
                      site -> {
                        if (site.isEmpty()) {
                          ApiErrors.error(ctx, 404, "no characteristic " + id);
                        } else if (Authentication.requireSite(ctx, user, site.get())) {
                          forward(ctx, user, body);
                        }
                      })
                  .onFailure(e -> ProxyRoutes.fail(ctx, e));
            })
        .onFailure(e -> ProxyRoutes.fail(ctx, e));
  }

  private void forward(RoutingContext ctx, ConsoleUser user, Buffer body) {
    send(ctx, user, ctx.request().method(), pathAndQuery(ctx), body)
        .onSuccess(r -> ProxyRoutes.relay(ctx, quality, r, null))
        .onFailure(e -> ProxyRoutes.fail(ctx, e));
  }

  private Future<Upstream.Response> send(
      RoutingContext ctx, ConsoleUser user, HttpMethod method, String pathAndQuery, Buffer body) {
    long start = System.nanoTime();
    return quality
        .send(method, pathAndQuery, tokens.mint(user, Service.QUALITY), body)
        .onComplete(
            r ->
                metrics.upstream(
                    quality.name(),
                    r.succeeded() ? r.result().status() : 502,
                    System.nanoTime() - start));
  }

  private static String pathAndQuery(RoutingContext ctx) {
    String query = ctx.request().query();
    return ctx.normalizedPath() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /** The characteristics whose device lies in one of the user's sites. */
  private Future<JsonArray> inScope(ConsoleUser user, JsonArray characteristics) {
    Set<String> devices = new LinkedHashSet<>();
    for (Object o : characteristics) {
      if (o instanceof JsonObject c && c.getValue("deviceId") instanceof String d) {
        devices.add(d);
      }
    }
    List<String> order = new ArrayList<>(devices);
    List<Future<Optional<String>>> sites = order.stream().map(this::siteOf).toList();
    return Future.all(sites)
        .map(
            all -> {
              Set<String> allowed = new LinkedHashSet<>();
              for (int i = 0; i < order.size(); i++) {
                Optional<String> site = all.resultAt(i);
                if (site.isPresent() && user.sites().includes(site.get())) {
                  allowed.add(order.get(i));
                }
              }
              JsonArray kept = new JsonArray();
              for (Object o : characteristics) {
                if (o instanceof JsonObject c && allowed.contains(c.getString("deviceId"))) {
                  kept.add(c);
                }
              }
              return kept;
            });
  }

  private Future<Optional<String>> siteOf(String deviceId) {
    if (deviceId == null || !deviceId.matches(ID)) {
      return Future.succeededFuture(Optional.empty());
    }
    return registry.place(deviceId).map(p -> p.map(DeviceDirectory.Place::siteId));
  }
}
