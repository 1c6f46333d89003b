package io.plantline.console.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes as stored in the users file. New hashes are <b>Argon2id</b> (memory-hard, RFC
 * 9106) in the PHC string form {@code argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * with OWASP's minimum cost ({@link #MEMORY_KIB} KiB, {@link #PASSES} passes, 1 lane), a random
 * 16-byte salt and a 32-byte hash; a stored Argon2id hash below that cost is refused when read.
 *
 * <p>Hashes written before, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} with at least {@link
 * #ITERATIONS} iterations, are still verified ({@link #legacy()} tells them apart, so that an
 * operator can re-set those passwords); they are never created. Salt and hash are unpadded Base64;
 * comparison is constant-time.
 */
public final class PasswordHash {
  /** Memory of new Argon2id hashes and the least accepted, KiB (OWASP: 19 MiB). */
  public static final int MEMORY_KIB = 19_456;

  /** Passes of new Argon2id hashes and the least accepted (OWASP: 2 at 19 MiB). */
  public static final int PASSES = 2;

  /** Least PBKDF2-HMAC-SHA256 iterations accepted in a stored legacy hash (OWASP 2023). */
  public static final int ITERATIONS = 210_000;

  /** Salt length of new hashes, bytes. */
  public static final int SALT_BYTES = 16;

  /** Derived key length, bytes. */
  public static final int KEY_BYTES = 32;

  private static final String ARGON2ID = "argon2id";
  private static final String PBKDF2 = "pbkdf2-sha256";
  private static final Pattern ARGON2_COST =
      Pattern.compile("m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final String scheme;
  private final int memoryKib;
  private final int passes;
  private final int lanes;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(
      String scheme, int memoryKib, int passes, int lanes, byte[] salt, byte[] hash) {
    this.scheme = scheme;
    this.memoryKib = memoryKib;
    this.passes = passes;
    this.lanes = lanes;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new Argon2id hash of {@code password} with a fresh salt from {@code random}. */
  public static PasswordHash create(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(
        ARGON2ID, MEMORY_KIB, PASSES, 1, salt, argon2id(password, salt, MEMORY_KIB, PASSES, 1));
  }

  /**
   * Reads an encoded hash.
   *
   * @throws IllegalArgumentException saying what is wrong (format, too low a cost, salt or key
   *     length)
   */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
    if (parts.length == 5 && ARGON2ID.equals(parts[0])) {
      return parseArgon2id(parts);
    }
    if (parts.length == 4 && PBKDF2.equals(parts[0])) {
      return parsePbkdf2(parts);
    }
    throw new IllegalArgumentException(
        "password hash must look like "
            + ARGON2ID
            + "$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash> (or the older "
            + PBKDF2
            + "$<iterations>$<salt>$<hash>)");
  }

  private static PasswordHash parseArgon2id(String[] parts) {
    if (!"v=19".equals(parts[1])) {
      throw new IllegalArgumentException("password hash: Argon2 version must be v=19");
    }
    Matcher cost = ARGON2_COST.matcher(parts[2]);
    if (!cost.matches()) {
      throw new IllegalArgumentException("password hash: bad Argon2 cost '" + parts[2] + "'");
    }
    int memory = Integer.parseInt(cost.group(1));
    int passes = Integer.parseInt(cost.group(2));
    int lanes = Integer.parseInt(cost.group(3));
    if (memory < MEMORY_KIB || passes < PASSES || lanes < 1 || memory > 4 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "password hash: Argon2id cost m="
              + memory
              + ",t="
              + passes
              + ",p="
              + lanes
              + " is outside m="
              + MEMORY_KIB
              + "..4194304, t>="
              + PASSES
              + ", p>=1");
    }
    byte[][] saltAndHash = saltAndHash(parts[3], parts[4]);
    return new PasswordHash(ARGON2ID, memory, passes, lanes, saltAndHash[0], saltAndHash[1]);
  }

  private static PasswordHash parsePbkdf2(String[] parts) {
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("password hash: bad iterations");
    }
    if (iterations < ITERATIONS) {
      throw new IllegalArgumentException(
          "password hash: " + iterations + " iterations, at least " + ITERATIONS + " required");
    }
    byte[][] saltAndHash = saltAndHash(parts[2], parts[3]);
    return new PasswordHash(PBKDF2, 0, iterations, 0, saltAndHash[0], saltAndHash[1]);
  }

  private static byte[][] saltAndHash(String salt, String hash) {
    byte[][] decoded;
    try {
      decoded = new byte[][] {B64D.decode(salt), B64D.decode(hash)};
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("password hash: bad salt or hash encoding");
    }
    if (decoded[0].length < SALT_BYTES || decoded[1].length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "password hash: salt must be at least " + SALT_BYTES + " bytes, hash " + KEY_BYTES);
    }
    return decoded;
  }

  /** Whether {@code password} matches, compared in constant time. */
  public boolean matches(char[] password) {
    byte[] derived =
        ARGON2ID.equals(scheme)
            ? argon2id(password, salt, memoryKib, passes, lanes)
            : pbkdf2(password, salt, passes);
    return MessageDigest.isEqual(hash, derived);
  }

  /** Whether this is an older PBKDF2 hash (still verified, never created). */
  public boolean legacy() {
    return PBKDF2.equals(scheme);
  }

  /** The encoded form, as stored in the users file. */
  public String encoded() {
    String tail = "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    if (legacy()) {
      return PBKDF2 + "$" + passes + tail;
    }
    return ARGON2ID + "$v=19$m=" + memoryKib + ",t=" + passes + ",p=" + lanes + tail;
  }

  private static byte[] argon2id(char[] password, byte[] salt, int memory, int passes, int lanes) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memory)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt)
            .build());
    byte[] out = new byte[KEY_BYTES];
    generator.generateBytes(password, out);
    return out;
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
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
    return legacy()
        ? "PasswordHash[" + PBKDF2 + ", " + passes + " iterations, ****]"
        : "PasswordHash["
            + ARGON2ID
            + ", m="
            + memoryKib
            + ",t="
            + passes
            + ",p="
            + lanes
            + ", ****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p
        && p.scheme.equals(scheme)
        && p.memoryKib == memoryKib
        && p.passes == passes
        && p.lanes == lanes
        && Arrays.equals(p.salt, salt)
        && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, Arrays.hashCode(hash));
  }
}
