package io.plantline.console.domain;

import io.plantline.contracts.Ids;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites a user may see: a set of site ids, or every site when it holds {@link #ALL_SITES}.
 *
 * @param sites site ids, or {@code *}; never empty
 */
public record SiteScope(Set<String> sites) {
  /** The entry that stands for every site. */
  public static final String ALL_SITES = "*";

  /** Validates and copies; each entry is a site id or {@code *}. */
  public SiteScope {
    if (sites == null || sites.isEmpty()) {
      throw new IllegalArgumentException("at least one site is required");
    }
    TreeSet<String> copy = new TreeSet<>();
    for (String site : sites) {
      if (!ALL_SITES.equals(site) && !Ids.isValid(site)) {
        throw new IllegalArgumentException(
            "site '" + site + "' is not a site id ([A-Za-z0-9][A-Za-z0-9._-]{0,63}) or *");
      }
      copy.add(site);
    }
    sites = java.util.Collections.unmodifiableSet(copy);
  }

  /** A scope of {@code sites}. */
  public static SiteScope of(Collection<String> sites) {
    return new SiteScope(sites == null ? Set.of() : Set.copyOf(sites));
  }

  /** Whether the scope covers every site. */
  public boolean allSites() {
    return sites.contains(ALL_SITES);
  }

  /** Whether {@code siteId} is in the scope; a null site is in no scope but the all-sites one. */
  public boolean includes(String siteId) {
    return allSites() || (siteId != null && sites.contains(siteId));
  }
}
