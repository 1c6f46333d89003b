package io.plantline.deploy.manifest;

import io.plantline.gateway.app.config.GatewayConfig;

/** Lets the renderer's test apply the same gateway checks as {@link ManifestsTest}. */
public final class ManifestsTestAccess {
  private ManifestsTestAccess() {}

  public static GatewayConfig checkGateway(
      RenderedOverlay overlay, RenderedOverlay.Workload workload) throws Exception {
    return ManifestsTest.checkGatewayWorkload(overlay, workload);
  }
}
