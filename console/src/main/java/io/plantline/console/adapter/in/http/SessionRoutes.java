package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.AccessPolicy;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/v1/session}: who the token is for, its roles, sites, permissions and expiry, and
 * the sites the overview starts with (the configured default sites within the user's, or the user's
 * own).
 */
final class SessionRoutes {
  private final List<String> defaultSites;

  SessionRoutes(List<String> defaultSites) {
    this.defaultSites = List.copyOf(defaultSites);
  }

  void mount(Router router) {
    router.get("/api/v1/session").handler(this::session);
  }

  private void session(RoutingContext ctx) {
    ConsoleUser user = Authentication.user(ctx);
    List<String> overview =
        defaultSites.isEmpty()
            ? user.sites().sites().stream().filter(s -> !s.equals("*")).toList()
            : defaultSites.stream().filter(user.sites()::includes).toList();
    ApiErrors.json(
        ctx,
        200,
        new JsonObject()
            .put("username", user.username())
            .put("roles", new JsonArray(user.roles().stream().map(Role::wireName).toList()))
            .put("sites", new JsonArray(List.copyOf(user.sites().sites())))
            .put(
                "permissions",
                new JsonArray(
                    AccessPolicy.permissions(user.roles()).stream().map(Enum::name).toList()))
            .put("overviewSites", new JsonArray(overview))
            .put("expiresAt", user.expiresAt().toString()));
  }
}
