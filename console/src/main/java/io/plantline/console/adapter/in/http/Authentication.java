package io.plantline.console.adapter.in.http;

import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Permission;
import io.plantline.console.domain.RateLimiter;
import io.plantline.console.domain.SessionRevocations;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * The handlers every API route passes: {@link #authenticate} (a Bearer console token, or on the
 * event stream a one-use ticket, of a session not ended by a logout; 401 with the reason
 * otherwise), then {@link #rateLimit} (a token bucket per user; 429 with {@code Retry-After}).
 * {@link #user} and {@link #require} are for the route handlers.
 */
final class Authentication {
  private static final String USER = "plantline.console.user";
  static final String EVENTS_PATH = "/api/v1/events";

  private final UserTokens tokens;
  private final EventTickets tickets;
  private final SessionRevocations revocations;
  private final RateLimiter limiter;
  private final ConsoleMetrics metrics;

  Authentication(
      UserTokens tokens,
      EventTickets tickets,
      SessionRevocations revocations,
      RateLimiter limiter,
      ConsoleMetrics metrics) {
    this.tokens = tokens;
    this.tickets = tickets;
    this.revocations = revocations;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  Handler<RoutingContext> authenticate() {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      if (header != null) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
          reject(ctx, "Authorization must be a Bearer token");
          return;
        }
        tokens
            .verify(header.substring(7).strip())
            .onSuccess(user -> accept(ctx, user))
            .onFailure(e -> reject(ctx, e.getMessage()));
        return;
      }
      String ticket = ctx.request().getParam("ticket");
      if (ticket != null && EVENTS_PATH.equals(ctx.normalizedPath())) {
        tickets
            .redeem(ticket)
            .filter(u -> u.expiresAt().isAfter(Instant.now()))
            .ifPresentOrElse(
                user -> accept(ctx, user), () -> reject(ctx, "ticket unknown, used or expired"));
        return;
      }
      reject(ctx, "a Bearer token is required");
    };
  }

  Handler<RoutingContext> rateLimit() {
    return ctx -> {
      long wait = limiter.tryAcquire(user(ctx).username());
      if (wait == 0) {
        ctx.next();
      } else {
        metrics.rateLimited("api");
        ApiErrors.tooManyRequests(ctx, wait, "rate limit exceeded");
      }
    };
  }

  private void accept(RoutingContext ctx, ConsoleUser user) {
    if (revocations.isEnded(user.sessionId())) {
      reject(ctx, "session ended (logged out)");
      return;
    }
    ctx.put(USER, user);
    ctx.next();
  }

  private void reject(RoutingContext ctx, String reason) {
    metrics.authenticationFailed();
    ApiErrors.unauthorized(ctx, reason);
  }

  /** The authenticated user of the request, or null when it was not (or not yet) authenticated. */
  static ConsoleUser userOrNull(RoutingContext ctx) {
    return ctx.get(USER);
  }

  /** The authenticated user of the request. */
  static ConsoleUser user(RoutingContext ctx) {
    ConsoleUser user = ctx.get(USER);
    if (user == null) {
      throw new IllegalStateException("route is not behind authenticate()");
    }
    return user;
  }

  /** The user if it has {@code permission}; otherwise answers 403 and returns null. */
  static ConsoleUser require(RoutingContext ctx, Permission permission) {
    ConsoleUser user = user(ctx);
    if (user.may(permission)) {
      return user;
    }
    ApiErrors.forbidden(
        ctx,
        "your roles "
            + user.roles().stream().map(r -> r.wireName()).toList()
            + " do not allow "
            + describe(permission));
    return null;
  }

  /** Answers 403 unless {@code siteId} is among the user's sites; returns whether it is. */
  static boolean requireSite(RoutingContext ctx, ConsoleUser user, String siteId) {
    if (user.sites().includes(siteId)) {
      return true;
    }
    ApiErrors.forbidden(ctx, "site " + siteId + " is not among your sites");
    return false;
  }

  private static String describe(Permission p) {
    return switch (p) {
      case READ -> "reading";
      case COMMAND_ALARMS -> "acknowledging or shelving alarms";
      case WRITE_SETPOINTS -> "writing setpoints to devices";
      case WORK_ON_ORDERS -> "working on work orders (assign, start, complete, comment)";
      case MANAGE_ORDERS -> "managing work orders (create, cancel, plan, verify)";
      case REBASELINE_CHARTS -> "re-baselining control charts";
      case READ_AUDIT -> "reading the audit log";
    };
  }
}
