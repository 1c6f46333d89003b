package io.plantline.scheduling.adapter.in.http;

import io.plantline.contracts.Ids;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.adapter.out.cassandra.CassandraWorkOrderQueries;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.PlanWorkOrder;
import io.plantline.scheduling.domain.VerifyWorkOrder;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.scheduling.domain.WorkOrderEventStore;
import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.http.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The work-order REST API (documented in {@code /openapi.yaml}, served without a token).
 *
 * <p>Every {@code /api/**} route needs a Bearer JWT (HS256) with a {@code roles} claim: {@code
 * viewer}, {@code technician} or {@code planner} may read; {@code technician} and {@code planner}
 * may write; only {@code planner} may plan maintenance windows. The {@code sub} claim is the author
 * of comments. Store calls are blocking and run on worker threads. Answers: 400 naming the field,
 * 401/403, 404, 409 for a version conflict or a refused transition (with the reason).
 */
public final class WorkOrderApiVerticle extends VerticleBase {
  /** Roles that may read. */
  public static final Set<String> READ_ROLES = Set.of("viewer", "technician", "planner");

  /** Roles that may change work orders. */
  public static final Set<String> WRITE_ROLES = Set.of("technician", "planner");

  /** The role that may plan maintenance windows (transition {@code plan}). */
  public static final String PLANNER = "planner";

  /**
   * Where to listen.
   *
   * @param host bind address
   * @param port port, 0 for any free one
   */
  public record Listen(String host, int port) {}

  private final Listen listen;
  private final WorkOrderCommandHandler handler;
  private final WorkOrderEventStore store;
  private final CassandraWorkOrderQueries queries;
  private final ApiTokens tokens;
  private final java.util.function.Consumer<CommandResult.Applied> afterWrite;
  private final Clock clock;
  private final OpsEndpoints ops;
  private final ProductionScheduleRoutes schedules;
  private HttpServer server;

  /**
   * An API over the handler (writes), the store (get) and the projections (lists), with the
   * operations routes of {@code ops} (null for none); {@code afterWrite} gets what each request
   * stored (to hand the events to the outbox publisher).
   */
  public WorkOrderApiVerticle(
      Listen listen,
      WorkOrderCommandHandler handler,
      WorkOrderEventStore store,
      CassandraWorkOrderQueries queries,
      ApiTokens tokens,
      java.util.function.Consumer<CommandResult.Applied> afterWrite,
      Clock clock,
      OpsEndpoints ops) {
    this(listen, handler, store, queries, tokens, afterWrite, clock, ops, null);
  }

  /** The same API with the production-schedule routes of {@code schedules} (null for none). */
  public WorkOrderApiVerticle(
      Listen listen,
      WorkOrderCommandHandler handler,
      WorkOrderEventStore store,
      CassandraWorkOrderQueries queries,
      ApiTokens tokens,
      java.util.function.Consumer<CommandResult.Applied> afterWrite,
      Clock clock,
      OpsEndpoints ops,
      ProductionScheduleRoutes schedules) {
    this.schedules = schedules;
    this.listen = listen;
    this.handler = handler;
    this.store = store;
    this.queries = queries;
    this.tokens = tokens;
    this.afterWrite = afterWrite;
    this.clock = clock;
    this.ops = ops;
  }

  @Override
  public Future<?> start() {
    Buffer openApi = vertx.fileSystem().readFileBlocking("scheduling-openapi.yaml");
    Router router = Router.router(vertx);
    router
        .get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApi));
    if (ops != null) {
      ops.mount(router);
    }
    router.route("/api/*").handler(JWTAuthHandler.create(tokens.provider(vertx)));
    BodyHandler smallBodies = BodyHandler.create().setBodyLimit(64 * 1024);
    // A production request lists every operation: up to 20,000 of them.
    BodyHandler scheduleBodies = BodyHandler.create().setBodyLimit(4 * 1024 * 1024);
    router
        .route("/api/*")
        .handler(
            ctx ->
                (ctx.normalizedPath().equals("/api/v1/schedules") ? scheduleBodies : smallBodies)
                    .handle(ctx));
    router.route("/api/*").handler(this::requireRole);
    router.post("/api/v1/work-orders").handler(this::create);
    router.get("/api/v1/work-orders").handler(this::list);
    router.get("/api/v1/work-orders/:id").handler(this::get);
    router.post("/api/v1/work-orders/:id/transitions").handler(this::transition);
    router.post("/api/v1/work-orders/:id/comments").handler(this::comment);
    router.get("/api/v1/assets/:id/reliability").handler(this::reliability);
    if (schedules != null) {
      schedules.mount(router, this::blocking);
    }
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(listen.port(), listen.host())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  private void requireRole(RoutingContext ctx) {
    List<Object> roles = roles(ctx.user());
    boolean write = !"GET".equals(ctx.request().method().name());
    Set<String> allowed = write ? WRITE_ROLES : READ_ROLES;
    if (roles.stream().anyMatch(allowed::contains)) {
      ctx.next();
    } else {
      error(ctx, 403, "a 'roles' claim with one of " + allowed + " is required", null);
    }
  }

  static List<Object> roles(User user) {
    Object claim = user == null ? null : user.get("roles");
    if (claim instanceof JsonArray array) {
      return array.getList();
    }
    return claim instanceof String s ? List.of((Object[]) s.split("[ ,]+")) : List.of();
  }

  private void create(RoutingContext ctx) {
    run(
        ctx,
        () -> {
          WorkOrderCommand open = WorkOrderRequests.create(body(ctx), clock.instant());
          return handler.handle(open, java.util.OptionalLong.empty());
        },
        201);
  }

  private void transition(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    run(
        ctx,
        () -> {
          JsonObject body = body(ctx);
          if ("plan".equals(body.getValue("action")) && !roles(ctx.user()).contains(PLANNER)) {
            throw new ForbiddenException("only a planner may plan a maintenance window");
          }
          java.util.OptionalLong expected = WorkOrderRequests.expectedVersion(body);
          if (!Ids.isValid(id)) {
            return new CommandResult.NotFound(id);
          }
          // contract commands name the asset, so the order is read first; plan and verify do
          // not, and the handler's own read tells whether the order exists
          String assetId = null;
          Object action = body.getValue("action");
          if (!"plan".equals(action) && !"verify".equals(action)) {
            List<WorkOrderEvent> events = store.load(id);
            if (events.isEmpty()) {
              return new CommandResult.NotFound(id);
            }
            assetId = events.get(0).assetId();
          }
          Object command = WorkOrderRequests.transition(body, id, assetId, clock.instant());
          if (command instanceof VerifyWorkOrder verify) {
            return handler.verify(verify, expected);
          } else if (command instanceof PlanWorkOrder plan) {
            return handler.plan(plan, expected);
          }
          return handler.handle((WorkOrderCommand) command, expected);
        },
        200);
  }

  private void comment(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String author = ctx.user().principal().getString("sub");
    run(
        ctx,
        () -> {
          if (!Ids.isValid(author)) {
            throw new BadRequestException("sub", "the token's subject must be a user id");
          }
          if (!Ids.isValid(id)) {
            return new CommandResult.NotFound(id);
          }
          JsonObject body = body(ctx);
          return handler.comment(
              WorkOrderRequests.comment(body, id, author, clock.instant()),
              WorkOrderRequests.expectedVersion(body));
        },
        201);
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(
        ctx,
        () -> {
          List<WorkOrderEvent> events = Ids.isValid(id) ? store.load(id) : List.of();
          return events.isEmpty() ? null : WorkOrder.replay(events).state();
        },
        state -> {
          if (state == null) {
            error(ctx, 404, "no work order " + id, null);
          } else {
            ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("etag", "\"" + state.version() + "\"")
                .end(WorkOrderJson.state(state).encode());
          }
        });
  }

  private void list(RoutingContext ctx) {
    String siteId = ctx.request().getParam("siteId");
    String assetId = ctx.request().getParam("assetId");
    String priority = ctx.request().getParam("priority");
    String token = ctx.request().getParam("pageToken");
    blocking(
        ctx,
        () -> {
          int size = WorkOrderRequests.pageSize(ctx.request().getParam("pageSize"));
          if ((siteId == null) == (assetId == null)) {
            throw new BadRequestException("siteId", "give exactly one of siteId or assetId");
          }
          if (siteId != null) {
            require("siteId", siteId);
            return queries.openOrders(
                siteId,
                priority == null ? null : WorkOrderRequests.priority(priority),
                size,
                token);
          }
          require("assetId", assetId);
          if (priority != null) {
            throw new BadRequestException("priority", "filters open orders by siteId only");
          }
          return queries.history(assetId, size, token);
        },
        page -> json(ctx, 200, WorkOrderJson.page(page)));
  }

  private void reliability(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(
        ctx,
        () -> Ids.isValid(id) ? queries.reliability(id).orElse(null) : null,
        r -> {
          if (r == null) {
            error(ctx, 404, "no work orders for asset " + id, null);
          } else {
            json(ctx, 200, WorkOrderJson.reliability(r));
          }
        });
  }

  private void run(RoutingContext ctx, Callable<CommandResult> command, int appliedStatus) {
    blocking(
        ctx,
        command,
        result -> {
          if (result instanceof CommandResult.Applied a) {
            afterWrite.accept(a);
            json(ctx, appliedStatus, WorkOrderJson.result(a.workOrderId(), a.version(), false));
          } else if (result instanceof CommandResult.Duplicate d) {
            json(ctx, 200, WorkOrderJson.result(d.workOrderId(), null, true));
          } else if (result instanceof CommandResult.NotFound n) {
            error(ctx, 404, "no work order " + n.workOrderId(), null);
          } else if (result instanceof CommandResult.Refused r) {
            error(ctx, 409, r.reason(), null);
          } else if (result instanceof CommandResult.Conflict c) {
            ctx.response()
                .setStatusCode(409)
                .putHeader("content-type", "application/json")
                .end(
                    new JsonObject()
                        .put(
                            "error",
                            "version conflict: expected "
                                + c.expectedVersion()
                                + ", the work order is at "
                                + c.actualVersion())
                        .put("field", "expectedVersion")
                        .put("actualVersion", c.actualVersion())
                        .encode());
          }
        });
  }

  <T> void blocking(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> reply) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(reply::accept)
        .onFailure(
            e -> {
              if (e instanceof BadRequestException bad) {
                error(ctx, 400, bad.getMessage(), bad.field());
              } else if (e instanceof ForbiddenException forbidden) {
                error(ctx, 403, forbidden.getMessage(), null);
              } else if (e instanceof InvalidJobShopException invalid) {
                String message = invalid.getMessage();
                String field =
                    message.startsWith("machine")
                        ? "machines"
                        : message.startsWith("job") ? "jobs" : null;
                error(ctx, 400, message, field);
              } else if (e instanceof CassandraWorkOrderQueries.BadPageTokenException bad) {
                error(ctx, 400, "pageToken: " + bad.getMessage(), "pageToken");
              } else {
                error(ctx, 500, "internal error", null);
              }
            });
  }

  static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new BadRequestException("body", "a JSON object is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequestException("body", "not a JSON object");
    }
  }

  private static void require(String field, String id) {
    if (!Ids.isValid(id)) {
      throw new BadRequestException(field, "not a valid id");
    }
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String message, String field) {
    JsonObject body = new JsonObject().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    json(ctx, status, body);
  }
}
