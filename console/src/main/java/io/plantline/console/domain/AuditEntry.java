package io.plantline.console.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One line of the console's append-only audit log: who did what, when, from where, and with which
 * outcome. Entries are chained: {@code hash} = SHA-256 over the previous entry's hash and this
 * entry's fields, so that changing, removing or reordering a line breaks every hash after it.
 *
 * @param seq position in the log, from 1
 * @param at when the request was answered
 * @param actor the user (for a login: the name tried)
 * @param roles the actor's roles (empty for a failed login)
 * @param source the client address
 * @param action what was asked, e.g. {@code POST /api/v1/alarms/a-1/acknowledge} or {@code login}
 * @param status the HTTP status of the answer
 * @param outcome {@code allowed} (2xx), {@code refused} (401, 403, 429), {@code failed} (other)
 * @param previousHash the previous entry's hash ({@link #GENESIS} for the first)
 * @param hash this entry's hash
 */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String roles,
    String source,
    String action,
    int status,
    String outcome,
    String previousHash,
    String hash) {

  /** The "previous hash" of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** Validates. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** A new entry after the one whose hash is {@code previousHash}, its hash computed. */
  public static AuditEntry next(
      long seq,
      String previousHash,
      Instant at,
      String actor,
      String roles,
      String source,
      String action,
      int status) {
    String outcome = outcome(status);
    String hash = hash(seq, previousHash, at, actor, roles, source, action, status, outcome);
    return new AuditEntry(
        seq, at, actor, roles, source, action, status, outcome, previousHash, hash);
  }

  /** Whether {@link #hash} is the hash of this entry's fields after {@link #previousHash}. */
  public boolean intact() {
    return hash.equals(hash(seq, previousHash, at, actor, roles, source, action, status, outcome));
  }

  /** {@code allowed} for 2xx, {@code refused} for 401, 403 and 429, {@code failed} otherwise. */
  public static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "allowed";
    }
    return status == 401 || status == 403 || status == 429 ? "refused" : "failed";
  }

  private static String hash(
      long seq,
      String previousHash,
      Instant at,
      String actor,
      String roles,
      String source,
      String action,
      int status,
      String outcome) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    // Length-prefixed fields: no two different entries give the same input.
    for (String field :
        new String[] {
          Long.toString(seq),
          previousHash,
          at.toString(),
          actor,
          roles,
          source,
          action,
          Integer.toString(status),
          outcome
        }) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha256.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      sha256.update(bytes);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
