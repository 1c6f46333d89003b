package io.plantline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialsTest {

  @Test
  void shouldGenerateDistinctLongPasswords() {
    Credentials a = Credentials.generate("plantline");
    Credentials b = Credentials.generate("plantline");

    assertThat(a.password()).hasSize(24).isNotEqualTo(b.password());
    assertThat(a.password()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void shouldNeverPrintThePassword() {
    Credentials login = new Credentials("operator", "hunter2-but-longer");

    assertThat(login.toString()).contains("operator").doesNotContain("hunter2");
  }

  @Test
  void shouldRejectBlankValues() {
    assertThatThrownBy(() -> new Credentials("operator", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
