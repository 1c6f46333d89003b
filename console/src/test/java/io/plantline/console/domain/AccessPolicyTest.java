package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessPolicyTest {
  /** The matrix of issue #9 (and #17's setpoints), written out. */
  private static final Map<Role, Set<Permission>> EXPECTED =
      Map.of(
          Role.VIEWER, EnumSet.of(Permission.READ),
          Role.OPERATOR,
              EnumSet.of(Permission.READ, Permission.COMMAND_ALARMS, Permission.WRITE_SETPOINTS),
          Role.MAINTENANCE, EnumSet.of(Permission.READ, Permission.WORK_ON_ORDERS),
          Role.ADMIN, EnumSet.allOf(Permission.class));

  @ParameterizedTest
  @EnumSource(Role.class)
  void shouldGrantEachRoleExactlyItsPermissions(Role role) {
    for (Permission p : Permission.values()) {
      assertThat(AccessPolicy.allows(List.of(role), p))
          .as("%s may %s", role, p)
          .isEqualTo(EXPECTED.get(role).contains(p));
    }
    assertThat(AccessPolicy.permissions(List.of(role))).isEqualTo(EXPECTED.get(role));
  }

  @Test
  void shouldGrantTheUnionOfSeveralRoles() {
    assertThat(AccessPolicy.permissions(List.of(Role.OPERATOR, Role.MAINTENANCE)))
        .containsExactlyInAnyOrder(
            Permission.READ,
            Permission.COMMAND_ALARMS,
            Permission.WRITE_SETPOINTS,
            Permission.WORK_ON_ORDERS);
  }

  @Test
  void shouldReserveCancelPlanVerifyAndUnknownActionsToManagers() {
    for (String action : List.of("assign", "start", "complete")) {
      assertThat(AccessPolicy.forTransition(action)).isEqualTo(Permission.WORK_ON_ORDERS);
    }
    for (Object action : new Object[] {"cancel", "plan", "verify", "ASSIGN", "delete", null, 3}) {
      assertThat(AccessPolicy.forTransition(action)).isEqualTo(Permission.MANAGE_ORDERS);
    }
  }

  @Test
  void shouldMapConsoleRolesToTheServicesRoles() {
    var q = DownstreamRoles.Service.QUERY_API;
    var s = DownstreamRoles.Service.SCHEDULING;
    assertThat(List.of(DownstreamRoles.of(Role.VIEWER, q), DownstreamRoles.of(Role.VIEWER, s)))
        .containsExactly("viewer", "viewer");
    assertThat(List.of(DownstreamRoles.of(Role.OPERATOR, q), DownstreamRoles.of(Role.OPERATOR, s)))
        .containsExactly("operator", "viewer");
    assertThat(
            List.of(
                DownstreamRoles.of(Role.MAINTENANCE, q), DownstreamRoles.of(Role.MAINTENANCE, s)))
        .containsExactly("viewer", "technician");
    assertThat(List.of(DownstreamRoles.of(Role.ADMIN, q), DownstreamRoles.of(Role.ADMIN, s)))
        .containsExactly("operator", "planner");
    assertThat(DownstreamRoles.of(List.of(Role.OPERATOR, Role.MAINTENANCE), s))
        .containsExactly("technician", "viewer");
  }

  @Test
  void shouldScopeSitesWithAWildcardForAll() {
    SiteScope two = SiteScope.of(List.of("site-1", "site-2"));
    SiteScope all = SiteScope.of(List.of("*"));

    assertThat(two.includes("site-1")).isTrue();
    assertThat(two.includes("site-3")).isFalse();
    assertThat(two.includes(null)).isFalse();
    assertThat(two.allSites()).isFalse();
    assertThat(all.includes("anything")).isTrue();
    assertThat(all.includes(null)).isTrue();
  }
}
