package io.plantline.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.Credentials;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoPasswordFileTest {

  /** A line written by {@code mosquitto_passwd -b} 2.0.11 for a test-only password. */
  private static final String MOSQUITTO_PASSWD_LINE =
      "plantline:$7$101$Fxqf34RA9025yZNR$i9nVQRF5xUwgbALXjwbkDWtBaSqM8Y/qtDTsHAQKeCYsXcfLvERAJJOdThs1"
          + "WtfO96jWeuw/R6L9byk/S5o3/g==";

  @Test
  void shouldHashExactlyAsMosquittoPasswdDoesForTheSameSalt() {
    String[] parts = MOSQUITTO_PASSWD_LINE.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[3]);

    String ours = MosquittoPasswordFile.hash("correct-horse-battery", salt, 101);

    assertThat("plantline:" + ours).isEqualTo(MOSQUITTO_PASSWD_LINE);
  }

  @Test
  void shouldNeverWriteThePasswordInClearAndSaltEachLine() {
    Credentials user = new Credentials("plantline", "correct-horse-battery");

    String file = MosquittoPasswordFile.of(List.of(user, user));

    assertThat(file).doesNotContain("correct-horse-battery").startsWith("plantline:$7$101$");
    String[] lines = file.split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).as("a fresh salt per line").isNotEqualTo(lines[1]);
  }
}
