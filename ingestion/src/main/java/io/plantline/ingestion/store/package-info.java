/**
 * The Kafka→store writers of the ingestion module.
 *
 * <p>Two consumer groups read {@code telemetry.raw.v1} independently: {@code <prefix>-timeseries}
 * writes points through the InfluxDB v2 write API ({@link
 * io.plantline.ingestion.store.TimeSeriesSink}), {@code <prefix>-history} writes the Cassandra
 * history and also reads {@code device.status.v1} for the device registry ({@link
 * io.plantline.ingestion.store.HistorySink}). Both run the same loop ({@link
 * io.plantline.ingestion.store.KafkaStoreConsumer}): poll, decode, buffer until 5,000 points or 100
 * ms, write, send undecodable records to {@code telemetry.dlq.v1} (each group sends its own copy,
 * with header {@code plantline.dlq.consumer-group}), and only then commit. A failed write is
 * retried with backoff (100 ms doubling to 5 s) while the partitions are paused; nothing is
 * skipped.
 *
 * <h2>Replays leave the stores unchanged</h2>
 *
 * <ul>
 *   <li>QuestDB: before the first write of a metric the writer runs, through {@code /exec}: {@code
 *       CREATE TABLE IF NOT EXISTS "<metric>" (deviceId SYMBOL, site SYMBOL, area SYMBOL, quality
 *       SYMBOL, value DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP
 *       UPSERT KEYS(timestamp, deviceId)}. A rewritten (timestamp, deviceId) replaces its row.
 *   <li>InfluxDB: a point with the same measurement, tag set and time overwrites the old one, so no
 *       DDL is needed. The quality is a tag: a replay with a different quality would add a second
 *       series (replays carry the same quality, so this does not happen).
 *   <li>Cassandra: every statement is idempotent (same primary key, same row). A readings row is
 *       keyed by the batch (device, day, minute, boot epoch, seq), so a replayed batch rewrites its
 *       own rows. Each entry of {@code latest_by_device.metrics} is written {@code USING TIMESTAMP}
 *       = sourceTime in microseconds, so an older reading arriving later never replaces a newer
 *       one. A replay restarts the readings' TTL.
 * </ul>
 *
 * <h2>Cassandra schema ({@link io.plantline.ingestion.store.HistorySchema})</h2>
 *
 * <pre>
 * CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': RF}
 * CREATE TABLE ks.reading_batches_by_device_day (device_id text, day date, minute_start timestamp,
 *   boot_epoch bigint, seq bigint, metrics frozen<list<text>>, source_times frozen<list<timestamp>>,
 *   measured_values frozen<list<double>>, units frozen<list<text>>, qualities frozen<list<text>>,
 *   PRIMARY KEY ((device_id, day), minute_start, boot_epoch, seq))
 *   WITH CLUSTERING ORDER BY (minute_start ASC, boot_epoch ASC, seq ASC)
 *   AND compaction = TimeWindowCompactionStrategy, 1 day AND default_time_to_live = TTL
 * CREATE TABLE ks.latest_by_device (device_id text PRIMARY KEY,
 *   metrics map<text, frozen<tuple<double, text, text, timestamp>>>)
 * CREATE TABLE ks.devices (device_id text PRIMARY KEY, site_id text, area_id text, last_state text,
 *   last_state_at timestamp, boot_epoch bigint, last_birth timestamp, last_death timestamp,
 *   last_gap timestamp, last_gap_reason text, last_seen timestamp)
 * </pre>
 *
 * One readings row holds a telemetry batch's readings of one UTC minute (a batch of ten readings is
 * one row and five cells, not ten rows and fifty cells: what doubled the writer's throughput). "One
 * device's metric between two times" reads one slice of minutes per UTC day and keeps that metric's
 * readings, sorted by source time within each minute; it reads every metric of the device, the
 * price of the cheaper writes. The registry keeps the lifecycle state from BIRTH/DEATH (a DEATH or
 * BIRTH of an older boot epoch than the registry's is ignored); GAP and unknown states only set
 * {@code last_gap}; telemetry sets site, area and {@code last_seen}.
 */
package io.plantline.ingestion.store;
