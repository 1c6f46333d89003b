package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.DownstreamTokens;
import io.plantline.console.adapter.out.http.Upstream;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DownstreamRoles.Service;
import io.plantline.console.domain.Permission;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.UnaryOperator;

/**
 * The energy service behind the gateway, read-only (permission READ): {@code /api/v1/energy/sites}
 * (filtered to the user's sites) and {@code /api/v1/energy/sites/{site}/**} (the user's site
 * checked before forwarding: load profiles, bills, peaks, EnPIs, line costs). Each forwarded
 * request carries a token minted for the user (viewer, or energy-manager for an administrator), as
 * the scheduling routes do. Without a configured energy service every route answers 503.
 */
final class EnergyRoutes {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final String REST =
      "[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*";
  private static final String SITES = "/api/v1/energy/sites";

  private final Upstream energy;
  private final DownstreamTokens tokens;
  private final ConsoleMetrics metrics;

  /**
   * @param energy the energy service, or null when the console has none
   */
  EnergyRoutes(Upstream energy, DownstreamTokens tokens, ConsoleMetrics metrics) {
    this.energy = energy;
    this.tokens = tokens;
    this.metrics = metrics;
  }

  void mount(Router router) {
    if (energy == null) {
      router
          .route("/api/v1/energy/*")
          .handler(
              ctx -> ApiErrors.error(ctx, 503, "the console has no energy service (--energy-url)"));
      return;
    }
    router.get(SITES).handler(this::listSites);
    router
        .getWithRegex(SITES + "/(?<site>" + ID + ")(?:/(?<rest>" + REST + "))?")
        .handler(this::siteScoped);
  }

  private void listSites(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user != null) {
      forward(
          ctx,
          user,
          body -> {
            JsonArray kept = new JsonArray();
            for (Object o : body.getJsonArray("sites", new JsonArray())) {
              if (o instanceof JsonObject site && user.sites().includes(site.getString("siteId"))) {
                kept.add(site);
              }
            }
            return body.put("sites", kept);
          });
    }
  }

  private void siteScoped(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user != null && Authentication.requireSite(ctx, user, ctx.pathParam("site"))) {
      forward(ctx, user, null);
    }
  }

  private void forward(RoutingContext ctx, ConsoleUser user, UnaryOperator<JsonObject> filter) {
    String query = ctx.request().query();
    String pathAndQuery =
        ctx.normalizedPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    long start = System.nanoTime();
    energy
        .send(HttpMethod.GET, pathAndQuery, tokens.mint(user, Service.ENERGY), null)
        .onComplete(
            r ->
                metrics.upstream(
                    energy.name(),
                    r.succeeded() ? r.result().status() : 502,
                    System.nanoTime() - start))
        .onSuccess(r -> ProxyRoutes.relay(ctx, energy, r, filter))
        .onFailure(e -> ProxyRoutes.fail(ctx, e));
  }
}
