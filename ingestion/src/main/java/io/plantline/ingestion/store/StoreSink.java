package io.plantline.ingestion.store;

/**
 * A store the {@link KafkaStoreConsumer} writes into. {@link #write} is idempotent: writing the
 * same records again leaves the store as it was, so a retry or a replay is always safe.
 */
public interface StoreSink extends AutoCloseable {

  /** Short name used as the {@code store} tag of metrics, for example {@code timeseries}. */
  String name();

  /**
   * Writes the records and returns only once the store has acknowledged all of them.
   *
   * @throws Exception when any write failed; the caller retries the whole flush
   */
  void write(StoreRecords records) throws Exception;

  /** Releases clients; the default does nothing. */
  @Override
  default void close() {}
}
