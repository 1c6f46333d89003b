package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void shouldMatchOnlyTheHashedPassword() {
    PasswordHash hash = PasswordHash.create("correct horse battery".toCharArray(), RANDOM);

    assertThat(hash.matches("correct horse battery".toCharArray())).isTrue();
    assertThat(hash.matches("correct horse batterY".toCharArray())).isFalse();
    assertThat(hash.matches(new char[0])).isFalse();
  }

  @Test
  void shouldUseAtLeast210000IterationsAndARandomSalt() {
    PasswordHash a = PasswordHash.create("same password".toCharArray(), RANDOM);
    PasswordHash b = PasswordHash.create("same password".toCharArray(), RANDOM);

    assertThat(a.iterations()).isGreaterThanOrEqualTo(210_000);
    String[] partsA = a.encoded().split("\\$");
    String[] partsB = b.encoded().split("\\$");
    assertThat(partsA[0]).isEqualTo("pbkdf2-sha256");
    assertThat(Integer.parseInt(partsA[1])).isEqualTo(a.iterations());
    assertThat(Base64.getDecoder().decode(partsA[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(partsA[3])).hasSize(32);
    assertThat(partsA[2]).isNotEqualTo(partsB[2]);
    assertThat(partsA[3]).isNotEqualTo(partsB[3]);
  }

  @Test
  void shouldReadBackItsEncodedForm() {
    PasswordHash hash = PasswordHash.create("round trip secret".toCharArray(), RANDOM);

    PasswordHash read = PasswordHash.parse(hash.encoded());

    assertThat(read).isEqualTo(hash);
    assertThat(read.matches("round trip secret".toCharArray())).isTrue();
    assertThat(read.toString()).doesNotContain(hash.encoded().split("\\$")[3]);
  }

  @Test
  void shouldRefuseWeakOrMalformedStoredHashes() {
    String[] parts = PasswordHash.create("x".toCharArray(), RANDOM).encoded().split("\\$");

    assertThatThrownBy(
            () -> PasswordHash.parse("pbkdf2-sha256$100000$" + parts[2] + "$" + parts[3]))
        .hasMessageContaining("at least 210000");
    assertThatThrownBy(() -> PasswordHash.parse("sha1$210000$" + parts[2] + "$" + parts[3]))
        .hasMessageContaining("must look like");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$210000$AAAA$" + parts[3]))
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$lots$" + parts[2] + "$" + parts[3]))
        .hasMessageContaining("bad iterations");
    assertThatThrownBy(() -> PasswordHash.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
