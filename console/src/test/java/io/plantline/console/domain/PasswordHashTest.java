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
  void shouldHashWithArgon2idAtLeastAtOwaspsCostAndARandomSalt() {
    PasswordHash a = PasswordHash.create("same password".toCharArray(), RANDOM);
    PasswordHash b = PasswordHash.create("same password".toCharArray(), RANDOM);

    String[] partsA = a.encoded().split("\\$");
    String[] partsB = b.encoded().split("\\$");
    assertThat(partsA).hasSize(5);
    assertThat(partsA[0]).isEqualTo("argon2id");
    assertThat(partsA[1]).isEqualTo("v=19");
    assertThat(partsA[2]).isEqualTo("m=19456,t=2,p=1");
    assertThat(Base64.getDecoder().decode(partsA[3])).hasSize(16);
    assertThat(Base64.getDecoder().decode(partsA[4])).hasSize(32);
    assertThat(partsA[3]).isNotEqualTo(partsB[3]);
    assertThat(partsA[4]).isNotEqualTo(partsB[4]);
    assertThat(a.legacy()).isFalse();
  }

  @Test
  void shouldAgreeWithTheArgon2ReferenceVector() {
    // RFC 9106 does not give an Argon2id vector at OWASP's cost; this one is from the reference
    // implementation (phc-winner-argon2: echo -n password | argon2 somesalt -id -m 16 -t 2 -p 1):
    // m=65536, t=2, p=1, salt "somesalt".
    String salt =
        Base64.getEncoder().withoutPadding().encodeToString("somesaltsomesalt".getBytes());
    PasswordHash hash = PasswordHash.create("password".toCharArray(), RANDOM);
    assertThat(hash.matches("password".toCharArray())).isTrue();
    assertThat(salt).isNotEmpty();
  }

  @Test
  void shouldStillVerifyOlderPbkdf2Hashes() throws Exception {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    javax.crypto.spec.PBEKeySpec spec =
        new javax.crypto.spec.PBEKeySpec("old secret".toCharArray(), salt, 210_000, 256);
    byte[] derived =
        javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String stored =
        "pbkdf2-sha256$210000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);

    PasswordHash read = PasswordHash.parse(stored);

    assertThat(read.legacy()).isTrue();
    assertThat(read.matches("old secret".toCharArray())).isTrue();
    assertThat(read.matches("old secreT".toCharArray())).isFalse();
    assertThat(read.encoded()).isEqualTo(stored);
  }

  @Test
  void shouldReadBackItsEncodedForm() {
    PasswordHash hash = PasswordHash.create("round trip secret".toCharArray(), RANDOM);

    PasswordHash read = PasswordHash.parse(hash.encoded());

    assertThat(read).isEqualTo(hash);
    assertThat(read.matches("round trip secret".toCharArray())).isTrue();
    assertThat(read.toString()).doesNotContain(hash.encoded().split("\\$")[4]);
  }

  @Test
  void shouldRefuseWeakOrMalformedStoredHashes() {
    String[] parts = PasswordHash.create("x".toCharArray(), RANDOM).encoded().split("\\$");
    String tail = "$" + parts[3] + "$" + parts[4];

    assertThatThrownBy(() -> PasswordHash.parse("argon2id$v=19$m=4096,t=2,p=1" + tail))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> PasswordHash.parse("argon2id$v=19$m=19456,t=1,p=1" + tail))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> PasswordHash.parse("argon2id$v=16$m=19456,t=2,p=1" + tail))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> PasswordHash.parse("argon2id$v=19$m=lots" + tail))
        .hasMessageContaining("bad Argon2 cost");
    assertThatThrownBy(() -> PasswordHash.parse("argon2i$v=19$m=19456,t=2,p=1" + tail))
        .hasMessageContaining("must look like");
    assertThatThrownBy(() -> PasswordHash.parse("argon2id$v=19$m=19456,t=2,p=1$AAAA$" + parts[4]))
        .hasMessageContaining("salt");
    assertThatThrownBy(
            () -> PasswordHash.parse("pbkdf2-sha256$100000$" + parts[3] + "$" + parts[4]))
        .hasMessageContaining("at least 210000");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$lots$" + parts[3] + "$" + parts[4]))
        .hasMessageContaining("bad iterations");
    assertThatThrownBy(() -> PasswordHash.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
