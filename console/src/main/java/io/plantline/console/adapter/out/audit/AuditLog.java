package io.plantline.console.adapter.out.audit;

import io.plantline.console.domain.AuditEntry;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The console's audit log: an append-only JSON Lines file (owner-only permissions), one
 * hash-chained {@link AuditEntry} per line, each forced to disk before {@link #append} returns. On
 * open the whole file is read and the chain verified; the first line that does not verify (edited,
 * removed, reordered, unreadable) is reported by {@link #brokenAt()}, and new entries chain on from
 * the last readable one. The newest {@code keepRecent} entries are kept in memory for the audit
 * API.
 */
public final class AuditLog implements AutoCloseable {
  private final FileChannel channel;
  private final Deque<AuditEntry> recent = new ArrayDeque<>();
  private final int keepRecent;
  private final OptionalLong brokenAt;
  private long seq;
  private String lastHash = AuditEntry.GENESIS;

  private AuditLog(Path file, int keepRecent) throws IOException {
    this.keepRecent = keepRecent;
    long broken = -1;
    if (Files.exists(file)) {
      long line = 0;
      for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        line++;
        AuditEntry entry = parse(text);
        boolean follows =
            entry != null
                && entry.intact()
                && entry.seq() == seq + 1
                && entry.previousHash().equals(lastHash);
        if (!follows && broken < 0) {
          broken = line;
        }
        if (entry != null) {
          seq = Math.max(seq, entry.seq());
          lastHash = entry.hash();
          remember(entry);
        }
      }
    } else {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    this.brokenAt = broken < 0 ? OptionalLong.empty() : OptionalLong.of(broken);
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens (or creates) the log at {@code file} and verifies its chain.
   *
   * @param keepRecent how many of the newest entries the API can list
   */
  public static AuditLog open(Path file, int keepRecent) {
    if (keepRecent < 1) {
      throw new IllegalArgumentException("keepRecent must be at least 1");
    }
    try {
      return new AuditLog(file, keepRecent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file, e);
    }
  }

  /**
   * Appends an entry and forces it to disk (blocking: call it off the event loop).
   *
   * @return the entry as written
   */
  public synchronized AuditEntry append(
      Instant at, String actor, String roles, String source, String action, int status)
      throws IOException {
    AuditEntry entry = AuditEntry.next(seq + 1, lastHash, at, actor, roles, source, action, status);
    ByteBuffer line =
        ByteBuffer.wrap((json(entry).encode() + "\n").getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      channel.write(line);
    }
    channel.force(false);
    seq = entry.seq();
    lastHash = entry.hash();
    remember(entry);
    return entry;
  }

  /** The newest entries, newest first: at most {@code limit}, all with seq below {@code before}. */
  public synchronized List<AuditEntry> recent(int limit, long before) {
    List<AuditEntry> out = new ArrayList<>();
    for (Iterator<AuditEntry> it = recent.descendingIterator();
        it.hasNext() && out.size() < limit; ) {
      AuditEntry e = it.next();
      if (e.seq() < before) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first line (from 1) where the chain read at open did not verify, if any. */
  public OptionalLong brokenAt() {
    return brokenAt;
  }

  /** Entries written so far, in all (the last seq). */
  public synchronized long size() {
    return seq;
  }

  private void remember(AuditEntry entry) {
    recent.addLast(entry);
    while (recent.size() > keepRecent) {
      recent.removeFirst();
    }
  }

  /** The JSON form of an entry, as stored and as served. */
  public static JsonObject json(AuditEntry e) {
    return new JsonObject()
        .put("seq", e.seq())
        .put("at", e.at().toString())
        .put("actor", e.actor())
        .put("roles", e.roles())
        .put("source", e.source())
        .put("action", e.action())
        .put("status", e.status())
        .put("outcome", e.outcome())
        .put("previousHash", e.previousHash())
        .put("hash", e.hash());
  }

  private static AuditEntry parse(String line) {
    try {
      JsonObject o = new JsonObject(line);
      return new AuditEntry(
          o.getLong("seq"),
          Instant.parse(o.getString("at")),
          o.getString("actor"),
          o.getString("roles"),
          o.getString("source"),
          o.getString("action"),
          o.getInteger("status"),
          o.getString("outcome"),
          o.getString("previousHash"),
          o.getString("hash"));
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return null;
    } catch (RuntimeException e) {
      return null; // a bad timestamp, say: the line does not verify
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
