package io.plantline.gateway.forward;

import io.plantline.gateway.journal.JournalRecord;

/**
 * A destination that acknowledges what it received: the MQTT broker (PUBACK) or Kafka (acks=all).
 */
public interface Uplink {
  String name();

  /** Whether records can be sent now (connected). */
  boolean ready();

  /** How many more records may be in flight. */
  int room();

  /** Records sent and not yet acknowledged, refused or lost with a connection. */
  int inFlight();

  /**
   * Records that were in flight when their connection was lost, counted since start: the broker may
   * have taken them before it could acknowledge, so they may arrive twice once resent.
   */
  long lostInFlight();

  /**
   * Sends a record; {@code acked} runs (on any thread) once it is acknowledged, never otherwise.
   */
  void send(JournalRecord record, Runnable acked);

  /**
   * Registers what to do after the uplink lost records in flight (reconnect, delivery timeout): the
   * forwarder then sends again everything this uplink has not acknowledged.
   */
  void onResendNeeded(Runnable callback);
}
