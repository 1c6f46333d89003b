package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.DeviceRegistry;
import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.adapter.out.http.UpstreamException;
import io.plantline.console.domain.AccessPolicy;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DownstreamRoles.Service;
import io.plantline.console.domain.Permission;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.UnaryOperator;

/**
 * The API gateway routes: {@code /api/v1/devices/**} to the query API, {@code
 * /api/v1/work-orders/**} and {@code /api/v1/assets/**} to the scheduling service.
 *
 * <p>Before forwarding, the console checks its own role matrix ({@link AccessPolicy}) and the
 * user's sites: a device's or asset's site comes from the {@link DeviceRegistry}, a work order's
 * from the order itself (read first for changes, checked in the answer for reads), a list's from
 * its {@code siteId} parameter; lists are also filtered to the user's sites. Each forwarded request
 * carries a token minted for the user ({@link DownstreamTokens}). Answers pass through with their
 * status and JSON body; a service that refuses the console's token is a 502 (a configuration error,
 * not the user's), a service that is down a 502 and one that is too slow a 504.
 */
final class ProxyRoutes {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final String REST =
      "[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*";

  private final Upstream queryApi;
  private final Upstream scheduling;
  private final DownstreamTokens tokens;
  private final DeviceRegistry registry;
  private final ConsoleMetrics metrics;

  ProxyRoutes(
      Upstream queryApi,
      Upstream scheduling,
      DownstreamTokens tokens,
      DeviceRegistry registry,
      ConsoleMetrics metrics) {
    this.queryApi = queryApi;
    this.scheduling = scheduling;
    this.tokens = tokens;
    this.registry = registry;
    this.metrics = metrics;
  }

  void mount(Router router) {
    router.get("/api/v1/devices").handler(this::listDevices);
    router
        .getWithRegex("/api/v1/devices/(?<id>" + ID + ")/(?<rest>" + REST + ")")
        .handler(ctx -> deviceScoped(ctx, queryApi, Service.QUERY_API));
    router.get("/api/v1/work-orders").handler(this::listWorkOrders);
    router.post("/api/v1/work-orders").handler(this::createWorkOrder);
    router.getWithRegex("/api/v1/work-orders/(?<id>" + ID + ")").handler(this::getWorkOrder);
    router
        .postWithRegex("/api/v1/work-orders/(?<id>" + ID + ")/(?<rest>transitions|comments)")
        .handler(this::changeWorkOrder);
    router
        .getWithRegex("/api/v1/assets/(?<id>" + ID + ")/(?<rest>" + REST + ")")
        .handler(ctx -> deviceScoped(ctx, scheduling, Service.SCHEDULING));
  }

  private void listDevices(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user != null) {
      forward(
          ctx,
          user,
          queryApi,
          Service.QUERY_API,
          null,
          body -> {
            JsonArray devices = body.getJsonArray("devices", new JsonArray());
            registry.learn(devices);
            return body.put("devices", inScope(user, devices));
          });
    }
  }

  private void deviceScoped(RoutingContext ctx, Upstream upstream, Service service) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    withDeviceSite(
        ctx, user, ctx.pathParam("id"), () -> forward(ctx, user, upstream, service, null, null));
  }

  private void withDeviceSite(
      RoutingContext ctx, ConsoleUser user, String deviceId, Runnable then) {
    registry
        .place(deviceId)
        .onSuccess(
            place -> {
              if (place.isPresent()) {
                if (Authentication.requireSite(ctx, user, place.get().siteId())) {
                  then.run();
                }
              } else if (user.sites().allSites()) {
                then.run();
              } else {
                ApiErrors.error(ctx, 404, "unknown device " + deviceId);
              }
            })
        .onFailure(
            e -> {
              if (user.sites().allSites()) {
                then.run();
              } else {
                fail(ctx, e);
              }
            });
  }

  private void listWorkOrders(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    UnaryOperator<JsonObject> filter =
        body -> body.put("items", inScope(user, body.getJsonArray("items", new JsonArray())));
    String siteId = ctx.request().getParam("siteId");
    String assetId = ctx.request().getParam("assetId");
    if (siteId != null) {
      if (Authentication.requireSite(ctx, user, siteId)) {
        forward(ctx, user, scheduling, Service.SCHEDULING, null, filter);
      }
    } else if (assetId != null && assetId.matches(ID)) {
      withDeviceSite(
          ctx,
          user,
          assetId,
          () -> forward(ctx, user, scheduling, Service.SCHEDULING, null, filter));
    } else {
      forward(ctx, user, scheduling, Service.SCHEDULING, null, filter);
    }
  }

  private void createWorkOrder(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.MANAGE_ORDERS);
    JsonObject body = user == null ? null : jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (body.getValue("siteId") instanceof String site
        && !Authentication.requireSite(ctx, user, site)) {
      return;
    }
    forward(ctx, user, scheduling, Service.SCHEDULING, ctx.body().buffer(), null);
  }

  private void getWorkOrder(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user != null) {
      forward(
          ctx,
          user,
          scheduling,
          Service.SCHEDULING,
          null,
          body -> {
            if (!user.sites().includes(body.getString("siteId"))) {
              throw new SiteForbidden(body.getString("siteId"));
            }
            return body;
          });
    }
  }

  private void changeWorkOrder(RoutingContext ctx) {
    ConsoleUser caller = Authentication.user(ctx);
    if (!caller.may(Permission.WORK_ON_ORDERS) && !caller.may(Permission.MANAGE_ORDERS)) {
      Authentication.require(ctx, Permission.WORK_ON_ORDERS);
      return;
    }
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    Permission needed =
        "comments".equals(ctx.pathParam("rest"))
            ? Permission.WORK_ON_ORDERS
            : AccessPolicy.forTransition(body.getValue("action"));
    ConsoleUser user = Authentication.require(ctx, needed);
    if (user == null) {
      return;
    }
    String id = ctx.pathParam("id");
    String token = tokens.mint(user, Service.SCHEDULING);
    scheduling
        .send(HttpMethod.GET, "/api/v1/work-orders/" + id, token, null)
        .onSuccess(
            order -> {
              if (order.status() != 200 || !order.json()) {
                relay(ctx, scheduling, order, null);
                return;
              }
              String site;
              try {
                site = order.body().toJsonObject().getString("siteId");
              } catch (RuntimeException e) {
                ApiErrors.error(ctx, 502, scheduling.name() + " answered a malformed work order");
                return;
              }
              if (Authentication.requireSite(ctx, user, site)) {
                forward(ctx, user, scheduling, Service.SCHEDULING, ctx.body().buffer(), null);
              }
            })
        .onFailure(e -> fail(ctx, e));
  }

  private void forward(
      RoutingContext ctx,
      ConsoleUser user,
      Upstream upstream,
      Service service,
      Buffer body,
      UnaryOperator<JsonObject> filter) {
    String query = ctx.request().query();
    String pathAndQuery =
        ctx.normalizedPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    long start = System.nanoTime();
    upstream
        .send(ctx.request().method(), pathAndQuery, tokens.mint(user, service), body)
        .onSuccess(
            r -> {
              metrics.upstream(upstream.name(), r.status(), System.nanoTime() - start);
              relay(ctx, upstream, r, filter);
            })
        .onFailure(
            e -> {
              metrics.upstream(upstream.name(), 502, System.nanoTime() - start);
              fail(ctx, e);
            });
  }

  /**
   * Writes a service's answer: JSON passes with its status (filtered when 200), the rest is
   * wrapped.
   */
  static void relay(
      RoutingContext ctx,
      Upstream upstream,
      Upstream.Response r,
      UnaryOperator<JsonObject> filter) {
    if (r.status() == 401) {
      ApiErrors.error(
          ctx, 502, upstream.name() + " refused the console's token (is the service key shared?)");
      return;
    }
    if (r.json()) {
      Buffer body = r.body();
      if (r.status() == 200 && filter != null) {
        try {
          body = filter.apply(body.toJsonObject()).toBuffer();
        } catch (SiteForbidden e) {
          ApiErrors.forbidden(ctx, e.getMessage());
          return;
        } catch (RuntimeException e) {
          ApiErrors.error(ctx, 502, upstream.name() + " answered malformed JSON");
          return;
        }
      }
      if (r.etag() != null) {
        ctx.response().putHeader("ETag", r.etag());
      }
      ctx.response()
          .setStatusCode(r.status())
          .putHeader("Content-Type", "application/json")
          .end(body);
    } else if (r.status() >= 400) {
      ApiErrors.error(ctx, r.status(), upstream.name() + " answered " + r.status());
    } else if (r.body().length() == 0) {
      ctx.response().setStatusCode(r.status()).end();
    } else {
      ApiErrors.error(
          ctx, 502, upstream.name() + " answered " + r.contentType() + " instead of JSON");
    }
  }

  static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof UpstreamException u) {
      ApiErrors.error(ctx, u.status(), u.getMessage());
    } else {
      ApiErrors.error(ctx, 502, "upstream failed: " + e.getMessage());
    }
  }

  private static JsonArray inScope(ConsoleUser user, JsonArray items) {
    JsonArray kept = new JsonArray();
    for (Object o : items) {
      if (o instanceof JsonObject item && user.sites().includes(item.getString("siteId"))) {
        kept.add(item);
      }
    }
    return kept;
  }

  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // answered below
    }
    ApiErrors.error(ctx, 400, "the body must be a JSON object");
    return null;
  }

  /** A work order of a site outside the user's. */
  private static final class SiteForbidden extends RuntimeException {
    SiteForbidden(String site) {
      super("site " + site + " is not among your sites", null, false, false);
    }
  }
}
