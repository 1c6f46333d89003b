package io.plantline.console.domain;

import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointResult;
import java.util.concurrent.CompletionStage;

/**
 * Sends an operator's setpoint to the gateway that polls the device and hands back the gateway's
 * answer. The gateway checks the point and its write limits against the device's register map and
 * refuses a command that arrives after its expiry, so a command the console stopped waiting for is
 * never applied later than {@link SetpointCommand#expiresAt()}.
 */
public interface SetpointCommander {
  /**
   * Publishes {@code command} for the device at {@code siteId}/{@code areaId}; completes with the
   * gateway's result, or exceptionally when it could not be sent. The caller bounds the wait.
   */
  CompletionStage<SetpointResult> send(SetpointCommand command, String siteId, String areaId);

  /** Stops waiting for {@code command}'s result (the caller gave up). */
  void forget(SetpointCommand command);
}
