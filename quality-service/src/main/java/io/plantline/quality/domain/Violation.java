package io.plantline.quality.domain;

import java.util.List;

/**
 * A rule that fired at a point.
 *
 * @param rule the rule
 * @param subgroups the numbers of the subgroups whose points make up the pattern, oldest first
 */
public record Violation(Rule rule, List<Long> subgroups) {
  /** Copies the list. */
  public Violation {
    subgroups = List.copyOf(subgroups);
  }
}
