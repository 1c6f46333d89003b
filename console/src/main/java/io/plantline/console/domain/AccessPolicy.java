package io.plantline.console.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The role matrix: which {@link Permission}s each {@link Role} grants, and which permission a
 * work-order transition needs. A user's permissions are the union over its roles.
 *
 * <pre>
 *                 READ  COMMAND_ALARMS  WRITE_SETPOINTS  WORK_ON_ORDERS  MANAGE_ORDERS  REBASELINE_CHARTS  READ_AUDIT
 *   viewer         x
 *   operator       x          x               x
 *   maintenance    x                                           x
 *   admin          x          x               x                x               x               x                x
 * </pre>
 */
public final class AccessPolicy {
  private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

  static {
    GRANTS.put(Role.VIEWER, EnumSet.of(Permission.READ));
    GRANTS.put(
        Role.OPERATOR,
        EnumSet.of(Permission.READ, Permission.COMMAND_ALARMS, Permission.WRITE_SETPOINTS));
    GRANTS.put(Role.MAINTENANCE, EnumSet.of(Permission.READ, Permission.WORK_ON_ORDERS));
    GRANTS.put(Role.ADMIN, EnumSet.allOf(Permission.class));
  }

  /** Transitions a maintenance technician may make. */
  public static final Set<String> WORK_TRANSITIONS = Set.of("assign", "start", "complete");

  /** Transitions reserved to administrators. */
  public static final Set<String> MANAGE_TRANSITIONS = Set.of("cancel", "plan", "verify");

  private AccessPolicy() {}

  /** The permissions of a user holding {@code roles}. */
  public static Set<Permission> permissions(Collection<Role> roles) {
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    roles.forEach(r -> granted.addAll(GRANTS.get(r)));
    return granted;
  }

  /** Whether {@code roles} grant {@code permission}. */
  public static boolean allows(Collection<Role> roles, Permission permission) {
    return roles.stream().anyMatch(r -> GRANTS.get(r).contains(permission));
  }

  /**
   * The permission a work-order transition needs: {@link Permission#WORK_ON_ORDERS} for assign,
   * start and complete, {@link Permission#MANAGE_ORDERS} for anything else (cancel, plan, verify,
   * and unknown or missing actions, which the scheduling service then refuses).
   */
  public static Permission forTransition(Object action) {
    return action instanceof String a && WORK_TRANSITIONS.contains(a)
        ? Permission.WORK_ON_ORDERS
        : Permission.MANAGE_ORDERS;
  }
}
