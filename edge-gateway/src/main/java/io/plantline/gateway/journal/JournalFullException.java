package io.plantline.gateway.journal;

/**
 * Thrown by {@link Journal#append} under {@link OverflowPolicy#REJECT_NEW} when the record does not
 * fit into {@link JournalConfig#maxBytes()}. Nothing was written; the rejection is counted in
 * {@link Journal#rejectedRecords()}.
 */
public final class JournalFullException extends RuntimeException {

  /** Creates the exception with a message that states the sizes involved. */
  public JournalFullException(String message) {
    super(message);
  }
}
