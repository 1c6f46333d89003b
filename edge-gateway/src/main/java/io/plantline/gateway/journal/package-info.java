/**
 * The durable store-and-forward journal of the edge gateway (README).
 *
 * <h2>What it is</h2>
 *
 * <p>Every telemetry batch is appended to the {@link io.plantline.gateway.journal.Journal} before
 * anything is sent; the forwarder reads unacknowledged records in append order, sends them over the
 * uplinks and acknowledges each one once every uplink has acknowledged it (MQTT PUBACK, Kafka ack).
 * The journal is the single source of truth: a record leaves it only by acknowledgement or, when
 * the configured size bound is reached under {@link
 * io.plantline.gateway.journal.OverflowPolicy#DROP_OLDEST}, by being dropped and counted. Pure Java
 * ({@code java.*} only; it logs through {@link java.lang.System.Logger}).
 *
 * <h2>On disk</h2>
 *
 * <pre>
 * journal.lock               exclusive lock: one open journal per directory (also across processes)
 * journal.index              durable bound of the indexes handed out: [bound long][CRC32 int]
 * segment-&lt;firstIndex&gt;.log   records: [length int][CRC32 int][index long][appendedAt long]
 *                                     [keyLength int][key UTF-8][payload], big-endian; the CRC
 *                                     covers everything after it; indexes in a segment are contiguous
 * segment-&lt;firstIndex&gt;.acks  acknowledgements of that segment: [index long][CRC32 int] per record
 * </pre>
 *
 * <p>A new segment is started when the next record would not fit into {@code segmentBytes}, and on
 * every open. A segment is deleted (log first, then ack log) as soon as it is no longer the active
 * segment and every record in it is acknowledged, so disk use shrinks as acknowledgements arrive;
 * on close the active segment is deleted too if it has nothing left to deliver.
 *
 * <h2>Durability and delivery</h2>
 *
 * <table>
 *   <caption>What survives what</caption>
 *   <tr><th>fsync</th><th>kill -9</th><th>power loss</th></tr>
 *   <tr><td>ALWAYS</td><td>nothing lost</td><td>nothing that {@code append} returned is lost
 *       (it returned after an fsync; concurrent appenders share one fsync)</td></tr>
 *   <tr><td>INTERVAL</td><td>nothing lost</td><td>records appended in the last {@code
 *       fsyncInterval} (plus one fsync's duration) may be lost</td></tr>
 *   <tr><td>NEVER</td><td>nothing lost</td><td>whatever the OS had not written back (segments are
 *       forced when rolled and on close)</td></tr>
 * </table>
 *
 * <p>Every append and acknowledgement is written to the OS before the call returns (no user-space
 * buffer), which is why a killed process loses nothing under any policy. Acknowledgements are
 * persisted in the ack logs under the same policy: after a clean close, and after kill -9, no
 * acknowledged record is delivered again; after a power loss, records acknowledged within the last
 * fsync window may be delivered again (under INTERVAL and NEVER; under ALWAYS an acknowledgement,
 * and the deletion of the segment it completes, is forced before {@code acknowledge} returns).
 * Delivery is therefore <em>at least once</em>; the plant side deduplicates by (deviceId,
 * bootEpoch, seq).
 *
 * <p>Indexes start at 1, strictly increase in append order and are never reused, also across
 * restarts and power losses: an index is handed out only below a bound made durable in {@code
 * journal.index} (moved ahead in blocks of 2^20), and a reopened journal starts at that bound at
 * least. After a clean close indexes continue without a gap; after a crash they skip ahead.
 *
 * <h2>Recovery</h2>
 *
 * <p>{@code Journal.open} scans the segments in index order and checks every record (length, CRC,
 * expected index). A torn or corrupt tail is cut at the last intact record, logged and counted in
 * {@code truncatedSegments()}, never thrown; a torn ack-log tail is cut the same way. Segments with
 * nothing left to deliver and ack logs without their segment are deleted. A record that fails its
 * CRC later, when read, is logged, dropped and counted, so the uplink never sticks on it.
 *
 * <h2>Size, memory and speed</h2>
 *
 * <p>{@code backlogBytes()} (the segment logs) never exceeds {@code maxBytes}; the ack logs add at
 * most 12 bytes per record. Payloads stay on disk: the heap holds per record one int (its position)
 * and one bit (acknowledged), about 13 MB for a full 1 GB journal of 300-byte records. Acknowledge
 * is O(log segments); {@code readUnacknowledged} is O(log segments + records returned), reading
 * runs of consecutive records with one positional read each, outside the journal lock. Run {@code
 * JournalBench} for appends/s and acks/s on a machine.
 *
 * <h2>Threads and failures</h2>
 *
 * <p>All methods are thread-safe. They block on disk I/O (under ALWAYS on an fsync): call them from
 * worker threads. Files are accessed through {@link java.io.RandomAccessFile}, so interrupting a
 * caller cannot close the journal's files (as it would a {@code FileChannel}). A failed fsync, or a
 * failed write that cannot be rolled back, leaves the disk state unknown: the journal then refuses
 * appends and acknowledgements but can still be read; reopen it. A write that fails cleanly (for
 * example on a full disk) only fails that call.
 *
 * <h2>Testing</h2>
 *
 * <pre>
 * ./mvnw -B -o -q -pl edge-gateway test -Dtest='io.plantline.gateway.journal.**'
 * java -cp edge-gateway/target/classes io.plantline.gateway.journal.JournalBench [records] [dir]
 * </pre>
 *
 * <p>The tests use real files; {@code JournalKillTest} kills a child JVM that appends under ALWAYS
 * with SIGKILL and checks that every index it reported is recovered.
 */
package io.plantline.gateway.journal;
