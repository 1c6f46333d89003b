package io.plantline.testkit.mqtt;

import io.plantline.testkit.Credentials;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Lines of a Mosquitto 2 password file in its PBKDF2-SHA512 format ({@code user:$7$101$salt$hash}),
 * the format {@code mosquitto_passwd} writes, so no password is ever stored in clear.
 */
public final class MosquittoPasswordFile {
  private static final int ITERATIONS = 101;
  private static final SecureRandom RANDOM = new SecureRandom();

  private MosquittoPasswordFile() {}

  public static String of(List<Credentials> users) {
    return users.stream()
        .map(MosquittoPasswordFile::line)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static String line(Credentials user) {
    byte[] salt = new byte[12];
    RANDOM.nextBytes(salt);
    return user.username() + ":" + hash(user.password(), salt, ITERATIONS);
  }

  static String hash(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 512);
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      Base64.Encoder b64 = Base64.getEncoder();
      return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable", e);
    }
  }
}
