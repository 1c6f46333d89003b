package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.AccessPolicy;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.SessionLog;
import io.plantline.console.domain.SessionRevocations;
import io.plantline.console.domain.UserAccount;
import io.plantline.console.domain.UserDirectory;
import io.plantline.contracts.session.SessionEnded;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The login session. {@code GET /api/v1/session}: who the token is for, its roles, sites,
 * permissions and expiry, and the sites the overview starts with (the configured default sites
 * within the user's, or the user's own). {@code POST /api/v1/session/refresh}: a new token of the
 * same session with the account's current roles and sites (401 once the session is {@link
 * UserTokens#SESSION_LIMIT} old or the account is gone), answered like a login. {@code DELETE
 * /api/v1/session}: logout; every token of the session is refused from then on (204), by this
 * replica at once and by every replica (a restarted one too) once it has read the logout back from
 * {@code console.sessions.v1}; 503 when the logout could not be recorded there, so that it is tried
 * again rather than holding on one replica only.
 */
final class SessionRoutes {
  private static final Duration RECORD_BOUND = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final List<String> defaultSites;
  private final UserTokens tokens;
  private final UserDirectory users;
  private final SessionRevocations revocations;
  private final SessionLog sessions;
  private final Clock clock;

  SessionRoutes(
      Vertx vertx,
      List<String> defaultSites,
      UserTokens tokens,
      UserDirectory users,
      SessionRevocations revocations,
      SessionLog sessions,
      Clock clock) {
    this.vertx = vertx;
    this.defaultSites = List.copyOf(defaultSites);
    this.tokens = tokens;
    this.users = users;
    this.revocations = revocations;
    this.sessions = sessions;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/v1/session").handler(this::session);
    router.post("/api/v1/session/refresh").handler(this::refresh);
    router.delete("/api/v1/session").handler(this::logout);
  }

  private void refresh(RoutingContext ctx) {
    ConsoleUser user = Authentication.user(ctx);
    Optional<UserAccount> account = users.find(user.username());
    if (account.isEmpty()) {
      ApiErrors.unauthorized(ctx, "the account no longer exists");
      return;
    }
    UserTokens.Issued issued;
    try {
      issued = tokens.refresh(account.get(), user);
    } catch (InvalidTokenException e) {
      ApiErrors.unauthorized(ctx, e.getMessage());
      return;
    }
    ApiErrors.json(
        ctx,
        200,
        LoginHandler.tokenBody(issued, account.get())
            .put(
                "sessionEndsAt", user.authenticatedAt().plus(UserTokens.SESSION_LIMIT).toString()));
  }

  private void logout(RoutingContext ctx) {
    ConsoleUser user = Authentication.user(ctx);
    Instant until = user.authenticatedAt().plus(UserTokens.SESSION_LIMIT);
    if (!revocations.end(user.sessionId(), until)) {
      ApiErrors.json(
          ctx, 503, new JsonObject().put("error", "too many sessions ended; try again later"));
      return;
    }
    Instant now = clock.instant();
    SessionEnded ended =
        new SessionEnded(
            SessionEnded.SCHEMA_VERSION,
            user.sessionId(),
            user.username(),
            now,
            until.isBefore(now) ? now : until);
    Future.fromCompletionStage(sessions.record(ended), vertx.getOrCreateContext())
        .timeout(RECORD_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(
            e ->
                ApiErrors.json(
                    ctx,
                    503,
                    new JsonObject()
                        .put(
                            "error",
                            "the logout could not be recorded for every console replica; try"
                                + " again: "
                                + e.getMessage())));
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
            .put("expiresAt", user.expiresAt().toString())
            .put(
                "sessionEndsAt", user.authenticatedAt().plus(UserTokens.SESSION_LIMIT).toString()));
  }
}
