package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
  private static UserAccount user(String name, String password, Role role, String site) {
    return new UserAccount(
        name,
        PasswordHash.create(password.toCharArray(), new SecureRandom()),
        Set.of(role),
        SiteScope.of(List.of(site)));
  }

  @Test
  void shouldAuthenticateOnlyWithTheUsersOwnPassword() {
    UserDirectory users =
        new UserDirectory(
            List.of(
                user("alice", "alice-password-1", Role.OPERATOR, "site-1"),
                user("bob", "bob-password-22", Role.VIEWER, "site-2")));

    assertThat(users.authenticate("alice", "alice-password-1".toCharArray()))
        .get()
        .extracting(UserAccount::username)
        .isEqualTo("alice");
    assertThat(users.authenticate("alice", "bob-password-22".toCharArray())).isEmpty();
    assertThat(users.authenticate("carol", "alice-password-1".toCharArray())).isEmpty();
    assertThat(users.authenticate(null, "x".toCharArray())).isEmpty();
  }

  @Test
  void shouldRefuseTheSameUserTwice() {
    assertThatThrownBy(
            () ->
                new UserDirectory(
                    List.of(
                        user("alice", "p1-long-enough", Role.ADMIN, "*"),
                        user("alice", "p2-long-enough", Role.VIEWER, "site-1"))))
        .hasMessageContaining("alice is listed twice");
  }

  @Test
  void shouldRequireValidUserNamesRolesAndSites() {
    PasswordHash hash = PasswordHash.create("whatever-pass".toCharArray(), new SecureRandom());
    assertThatThrownBy(
            () ->
                new UserAccount("no spaces", hash, Set.of(Role.VIEWER), SiteScope.of(List.of("s"))))
        .hasMessageContaining("username");
    assertThatThrownBy(() -> new UserAccount("ok", hash, Set.of(), SiteScope.of(List.of("s"))))
        .hasMessageContaining("role");
    assertThatThrownBy(() -> SiteScope.of(List.of())).hasMessageContaining("at least one site");
    assertThatThrownBy(() -> SiteScope.of(List.of("site/1"))).hasMessageContaining("site/1");
    assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("viewer");
    assertThat(Role.parse("Maintenance")).isEqualTo(Role.MAINTENANCE);
  }
}
