package io.plantline.console.adapter.in.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plantline.console.adapter.out.audit.AuditLog;
import io.plantline.console.domain.AuditEntry;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.Permission;
import io.plantline.console.domain.Role;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: {@link #recorder()} goes in front of every state-changing API route (POST, PUT,
 * PATCH, DELETE under {@code /api/}, and the login) and, when the answer has been sent, appends who
 * (the token's user; for a login the name tried; {@code anonymous} when no valid token came), what
 * (method and path, never a body or a password), when, from which address and with which status to
 * the {@link AuditLog}, in request-completion order on a worker thread. Refused requests (401, 403,
 * 429) are audited too. {@code GET /api/v1/audit?limit=&before=} lists the newest entries for users
 * with {@link Permission#READ_AUDIT} (admins), with whether the chain verified.
 */
final class AuditRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_ACTOR = 64;

  private final Vertx vertx;
  private final AuditLog log;
  private final Clock clock;
  private final Counter failures;

  AuditRoutes(Vertx vertx, AuditLog log, Clock clock, MeterRegistry metrics) {
    this.vertx = vertx;
    this.log = log;
    this.clock = clock;
    this.failures =
        Counter.builder("plantline.console.audit.write.failures")
            .description("Audit entries that could not be written")
            .register(metrics);
  }

  private static final String DETAIL = "plantline.audit.detail";

  /**
   * What the audit entry of this request says besides method and path, e.g. the point, value and
   * outcome of a setpoint; the last call wins. Never a secret.
   */
  static void detail(RoutingContext ctx, String detail) {
    ctx.put(DETAIL, detail);
  }

  /** Records the request once answered, then passes it on. */
  Handler<RoutingContext> recorder() {
    return ctx -> {
      ctx.addEndHandler(done -> record(ctx));
      ctx.next();
    };
  }

  void mount(Router router) {
    router.get("/api/v1/audit").handler(this::list);
  }

  private void record(RoutingContext ctx) {
    ConsoleUser user = Authentication.userOrNull(ctx);
    String actor = user != null ? user.username() : loginName(ctx);
    String roles =
        user == null
            ? ""
            : user.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
    String source =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    String detail = ctx.get(DETAIL);
    String action =
        ctx.request().method().name()
            + " "
            + ctx.request().path()
            + (detail == null ? "" : ": " + detail);
    int status = ctx.response().getStatusCode();
    vertx
        .executeBlocking(
            () -> log.append(clock.instant(), actor, roles, source, action, status), true)
        .onFailure(
            e -> {
              failures.increment();
              LOG.error("audit entry not written ({} by {}): {}", action, actor, e.toString());
            });
  }

  /** For a login: the user name tried (at most 64 characters), never the password. */
  private static String loginName(RoutingContext ctx) {
    if (!ctx.request().path().equals("/api/v1/login")) {
      return "anonymous";
    }
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      if (body != null && body.getValue("username") instanceof String name && !name.isEmpty()) {
        return name.length() > MAX_ACTOR ? name.substring(0, MAX_ACTOR) : name;
      }
    } catch (RuntimeException e) {
      // not JSON: audited as anonymous
    }
    return "anonymous";
  }

  private void list(RoutingContext ctx) {
    if (Authentication.require(ctx, Permission.READ_AUDIT) == null) {
      return;
    }
    int limit;
    long before;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
      before = Long.parseLong(ctx.request().getParam("before", Long.toString(Long.MAX_VALUE)));
    } catch (NumberFormatException e) {
      ApiErrors.error(ctx, 400, "limit and before must be integers");
      return;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      ApiErrors.error(ctx, 400, "limit must be from 1 to " + MAX_LIMIT);
      return;
    }
    JsonArray entries = new JsonArray();
    for (AuditEntry e : log.recent(limit, before)) {
      entries.add(AuditLog.json(e));
    }
    JsonObject chain = new JsonObject().put("verified", log.brokenAt().isEmpty());
    log.brokenAt().ifPresent(at -> chain.put("brokenAt", at));
    ApiErrors.json(
        ctx,
        200,
        new JsonObject().put("entries", entries).put("total", log.size()).put("chain", chain));
  }
}
