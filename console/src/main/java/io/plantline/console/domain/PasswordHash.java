package io.plantline.console.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (salt and hash in unpadded Base64). New hashes use {@link #ITERATIONS} iterations (OWASP's 2023
 * figure for PBKDF2-HMAC-SHA256), a random 16-byte salt and a 32-byte derived key; a stored hash
 * with fewer iterations is refused when read. Comparison is constant-time.
 */
public final class PasswordHash {
  /** Iterations of new hashes and the least accepted in stored ones. */
  public static final int ITERATIONS = 210_000;

  /** Salt length of new hashes, bytes. */
  public static final int SALT_BYTES = 16;

  /** Derived key length, bytes. */
  public static final int KEY_BYTES = 32;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code password} with a fresh salt from {@code random}. */
  public static PasswordHash create(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
  }

  /**
   * Reads an encoded hash.
   *
   * @throws IllegalArgumentException saying what is wrong (format, too few iterations, salt or key
   *     length)
   */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      throw new IllegalArgumentException(
          "password hash must look like " + PREFIX + "$<iterations>$<salt>$<hash>");
    }
    int iterations;
    byte[] salt;
    byte[] hash;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = B64D.decode(parts[2]);
      hash = B64D.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("password hash: bad iterations, salt or hash encoding");
    }
    if (iterations < ITERATIONS) {
      throw new IllegalArgumentException(
          "password hash: " + iterations + " iterations, at least " + ITERATIONS + " required");
    }
    if (salt.length < SALT_BYTES || hash.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "password hash: salt must be at least " + SALT_BYTES + " bytes, hash " + KEY_BYTES);
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Whether {@code password} matches, compared in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** Iterations of this hash. */
  public int iterations() {
    return iterations;
  }

  /** The encoded form, as stored in the users file. */
  public String encoded() {
    return PREFIX
        + "$"
        + iterations
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return "PasswordHash[" + PREFIX + ", " + iterations + " iterations, ****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p
        && p.iterations == iterations
        && Arrays.equals(p.salt, salt)
        && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }
}
