package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.RateLimiter;
import io.plantline.console.domain.Role;
import io.plantline.console.domain.UserAccount;
import io.plantline.console.domain.UserDirectory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code POST /api/v1/login} with {@code {"username", "password"}}: 200 with {@code {token,
 * tokenType, expiresAt, username, roles, sites}}, 401 for a wrong name or password (the same answer
 * for both), 400 for a malformed body, 429 when the client address has made too many attempts or
 * the user name has failed too often. The PBKDF2 check runs on a worker thread.
 */
final class LoginHandler implements Handler<RoutingContext> {
  private static final int MAX_FIELD = 256;

  private final Vertx vertx;
  private final UserDirectory users;
  private final UserTokens tokens;
  private final RateLimiter attemptsByAddress;
  private final RateLimiter failuresByUser;
  private final ConsoleMetrics metrics;

  LoginHandler(
      Vertx vertx,
      UserDirectory users,
      UserTokens tokens,
      RateLimiter attemptsByAddress,
      RateLimiter failuresByUser,
      ConsoleMetrics metrics) {
    this.vertx = vertx;
    this.users = users;
    this.tokens = tokens;
    this.attemptsByAddress = attemptsByAddress;
    this.failuresByUser = failuresByUser;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String address =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    long wait = attemptsByAddress.tryAcquire(address);
    if (wait > 0) {
      metrics.rateLimited("login-address");
      ApiErrors.tooManyRequests(ctx, wait, "too many login attempts");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null
        || !(body.getValue("username") instanceof String username)
        || !(body.getValue("password") instanceof String password)
        || username.isEmpty()
        || password.isEmpty()
        || username.length() > MAX_FIELD
        || password.length() > MAX_FIELD) {
      ApiErrors.error(ctx, 400, "a JSON object with username and password is required");
      return;
    }
    long userWait = failuresByUser.waitTime(username);
    if (userWait > 0) {
      metrics.rateLimited("login-user");
      ApiErrors.tooManyRequests(ctx, userWait, "too many failed logins for this user");
      return;
    }
    char[] secret = password.toCharArray();
    vertx
        .executeBlocking(() -> users.authenticate(username, secret), false)
        .onComplete(
            r -> {
              Arrays.fill(secret, '\0');
              Optional<UserAccount> account = r.succeeded() ? r.result() : Optional.empty();
              if (account.isEmpty()) {
                failuresByUser.tryAcquire(username);
                metrics.login(false);
                ApiErrors.unauthorized(ctx, "invalid username or password");
                return;
              }
              metrics.login(true);
              UserAccount a = account.get();
              UserTokens.Issued issued = tokens.issue(a);
              ApiErrors.json(ctx, 200, tokenBody(issued, a));
            });
  }

  /** The answer to a login or a session refresh: the token, its expiry and whose it is. */
  static JsonObject tokenBody(UserTokens.Issued issued, UserAccount account) {
    return new JsonObject()
        .put("token", issued.token())
        .put("tokenType", "Bearer")
        .put("expiresAt", issued.expiresAt().toString())
        .put("username", account.username())
        .put("roles", new JsonArray(account.roles().stream().map(Role::wireName).toList()))
        .put("sites", new JsonArray(java.util.List.copyOf(account.sites().sites())));
  }
}
