package io.plantline.console.adapter.in.http;

import io.plantline.console.adapter.out.http.GatewayScraper;
import io.plantline.console.domain.ConsoleUser;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.GatewayMetricsText;
import io.plantline.console.domain.Permission;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /api/v1/gateways/health}: each configured gateway's journal backlog, dropped and
 * rejected records, poll errors (total and by device and code), deadline misses and records in
 * flight, from its Prometheus metrics. A gateway bound to a site is shown only to users of that
 * site; per-device figures only for devices of the user's sites (or of the gateway's site).
 */
final class GatewayHealthRoutes {
  private final GatewayScraper scraper;
  private final DeviceDirectory directory;

  GatewayHealthRoutes(GatewayScraper scraper, DeviceDirectory directory) {
    this.scraper = scraper;
    this.directory = directory;
  }

  void mount(Router router) {
    router.get("/api/v1/gateways/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    ConsoleUser user = Authentication.require(ctx, Permission.READ);
    if (user == null) {
      return;
    }
    scraper
        .health()
        .onSuccess(
            list -> {
              JsonArray gateways = new JsonArray();
              for (GatewayScraper.Health h : list) {
                String site = h.target().siteId();
                if (site == null || user.sites().includes(site)) {
                  gateways.add(json(h, user, site != null));
                }
              }
              ApiErrors.json(ctx, 200, new JsonObject().put("gateways", gateways));
            })
        .onFailure(e -> ApiErrors.error(ctx, 502, "gateway scrape failed: " + e.getMessage()));
  }

  private JsonObject json(GatewayScraper.Health h, ConsoleUser user, boolean siteBound) {
    JsonObject json =
        new JsonObject()
            .put("name", h.target().name())
            .put("scrapedAt", h.scrapedAt().toString())
            .put("up", h.summary() != null);
    if (h.target().siteId() != null) {
      json.put("siteId", h.target().siteId());
    }
    if (h.summary() == null) {
      return json.put("error", h.error());
    }
    GatewayMetricsText.Summary s = h.summary();
    JsonObject byDevice = new JsonObject();
    JsonObject misses = new JsonObject();
    for (Map.Entry<String, Map<String, Double>> e : s.pollErrors().entrySet()) {
      if (visible(user, siteBound, e.getKey())) {
        JsonObject codes = new JsonObject();
        e.getValue().forEach(codes::put);
        byDevice.put(e.getKey(), codes);
      }
    }
    s.deadlineMisses()
        .forEach(
            (device, n) -> {
              if (visible(user, siteBound, device)) {
                misses.put(device, n);
              }
            });
    JsonObject inflight = new JsonObject();
    s.inflight().forEach(inflight::put);
    return json.put("backlogRecords", s.backlogRecords())
        .put("backlogBytes", s.backlogBytes())
        .put("oldestAgeSeconds", s.oldestAgeSeconds())
        .put("droppedRecords", s.droppedRecords())
        .put("rejectedRecords", s.rejectedRecords())
        .put("pollErrorsTotal", s.pollErrorsTotal())
        .put("pollErrorsByDevice", byDevice)
        .put("deadlineMissesByDevice", misses)
        .put("inflightByUplink", inflight);
  }

  private boolean visible(ConsoleUser user, boolean siteBound, String deviceId) {
    return siteBound
        || user.sites().allSites()
        || directory.get(deviceId).map(p -> user.sites().includes(p.siteId())).orElse(false);
  }
}
