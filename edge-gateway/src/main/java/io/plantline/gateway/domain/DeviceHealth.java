package io.plantline.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-device link health: ONLINE; after a failed poll BACKING_OFF (next attempt after {@link
 * Backoff#next()}); after {@code quarantineAfter} consecutive failures QUARANTINED (probe every
 * {@code quarantineProbe}, default 60 s); any success -> ONLINE and backoff reset.
 *
 * <p>{@link #onSuccess} and {@link #onFailure} return the new state only when it changed, so the
 * gateway can publish a status event exactly once per change. Not thread-safe: one instance per
 * device, driven by its poller.
 */
public final class DeviceHealth {

  /** The default probe period of a quarantined device. */
  public static final Duration DEFAULT_QUARANTINE_PROBE = Duration.ofSeconds(60);

  /** The link state of a device. */
  public enum State {
    /** Polls succeed; the device is polled on its schedule. */
    ONLINE,
    /** The last poll(s) failed; the next attempt waits for the backoff delay. */
    BACKING_OFF,
    /** Too many consecutive failures; only a probe every quarantine period. */
    QUARANTINED
  }

  private final int quarantineAfter;
  private final Duration quarantineProbe;
  private final Backoff backoff;
  private State state = State.ONLINE;
  private int consecutiveFailures;
  private Instant nextAttemptAt = Instant.MIN;

  /**
   * @param quarantineAfter consecutive failures that quarantine the device, at least 1
   * @param quarantineProbe the period between probes of a quarantined device, positive
   * @param backoff the delays between attempts while backing off; owned by this object
   */
  public DeviceHealth(int quarantineAfter, Duration quarantineProbe, Backoff backoff) {
    Objects.requireNonNull(quarantineProbe, "quarantineProbe");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    if (quarantineAfter < 1) {
      throw new IllegalArgumentException("quarantineAfter must be >= 1, was " + quarantineAfter);
    }
    if (quarantineProbe.isNegative() || quarantineProbe.isZero()) {
      throw new IllegalArgumentException(
          "quarantineProbe must be positive, was " + quarantineProbe);
    }
    this.quarantineAfter = quarantineAfter;
    this.quarantineProbe = quarantineProbe;
  }

  /**
   * Records a successful poll: the device is ONLINE, the failure count and the backoff restart.
   *
   * @return ONLINE if the device was not online before, else empty
   */
  public Optional<State> onSuccess(Instant at) {
    Objects.requireNonNull(at, "at");
    consecutiveFailures = 0;
    backoff.reset();
    nextAttemptAt = at;
    return moveTo(State.ONLINE);
  }

  /**
   * Records a failed poll: BACKING_OFF until the next backoff delay has passed, or QUARANTINED
   * until the next probe once {@code quarantineAfter} polls in a row have failed.
   *
   * @return the new state if it changed, else empty (e.g. a failed probe of a quarantined device)
   */
  public Optional<State> onFailure(Instant at) {
    Objects.requireNonNull(at, "at");
    if (consecutiveFailures < Integer.MAX_VALUE) {
      consecutiveFailures++;
    }
    if (consecutiveFailures >= quarantineAfter) {
      nextAttemptAt = at.plus(quarantineProbe);
      return moveTo(State.QUARANTINED);
    }
    nextAttemptAt = at.plus(backoff.next());
    return moveTo(State.BACKING_OFF);
  }

  /**
   * When the device may be polled next: after a failure, the failure time plus the backoff delay or
   * the quarantine probe period; after a success, the success time; before any poll, {@link
   * Instant#MIN}.
   */
  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  /** Whether the device may be polled at {@code at}, i.e. {@code at >= nextAttemptAt()}. */
  public boolean mayPoll(Instant at) {
    return !at.isBefore(nextAttemptAt);
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** Failed polls since the last success. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  private Optional<State> moveTo(State newState) {
    if (newState == state) {
      return Optional.empty();
    }
    state = newState;
    return Optional.of(newState);
  }
}
