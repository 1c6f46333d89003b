package io.plantline.console.domain;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles the console puts into the tokens it mints for the services, per console role:
 *
 * <pre>
 *                 query API   scheduling service   quality service    energy service
 *   viewer        viewer      viewer               viewer             viewer
 *   operator      operator    viewer               viewer             viewer
 *   maintenance   viewer      technician           viewer             viewer
 *   admin         operator    planner              quality-engineer   energy-manager
 * </pre>
 *
 * A user with several roles gets the union. The console checks its own matrix ({@link
 * AccessPolicy}) before forwarding, so a service never sees a request the user may not make.
 */
public final class DownstreamRoles {

  /** The services behind the console. */
  public enum Service {
    /** The ingestion query API (roles operator, viewer). */
    QUERY_API,
    /** The scheduling service (roles viewer, technician, planner). */
    SCHEDULING,
    /** The quality service (roles viewer, quality-engineer). */
    QUALITY,
    /** The energy service (read-only; roles viewer, energy-manager). */
    ENERGY
  }

  private DownstreamRoles() {}

  /** The role a console role maps to at {@code service}. */
  public static String of(Role role, Service service) {
    return switch (service) {
      case QUERY_API -> role == Role.OPERATOR || role == Role.ADMIN ? "operator" : "viewer";
      case SCHEDULING ->
          switch (role) {
            case VIEWER, OPERATOR -> "viewer";
            case MAINTENANCE -> "technician";
            case ADMIN -> "planner";
          };
      case QUALITY -> role == Role.ADMIN ? "quality-engineer" : "viewer";
      case ENERGY -> role == Role.ADMIN ? "energy-manager" : "viewer";
    };
  }

  /** The roles for a user holding {@code roles}, sorted. */
  public static Set<String> of(Collection<Role> roles, Service service) {
    Set<String> mapped = new TreeSet<>();
    roles.forEach(r -> mapped.add(of(r, service)));
    return mapped;
  }
}
