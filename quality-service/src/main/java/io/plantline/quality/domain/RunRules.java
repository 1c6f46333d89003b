package io.plantline.quality.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the enabled run rules at the newest point of a window of points. A rule fires at the
 * point that completes its pattern; the violation names every point of the pattern.
 */
public final class RunRules {

  /** The most points any rule looks back over (N7: 15). */
  public static final int WINDOW = 15;

  /**
   * One point as the rules see it.
   *
   * @param number the subgroup number
   * @param value the plotted statistic
   * @param z distance from the centre line in σ of the plotted statistic
   */
  public record Point(long number, double value, double z) {}

  private RunRules() {}

  /** The violations at the last point of {@code window} (oldest first, at most {@link #WINDOW}). */
  public static List<Violation> evaluate(List<Point> window, Set<Rule> enabled) {
    List<Violation> found = new ArrayList<>();
    int size = window.size();
    if (size == 0) {
      return found;
    }
    Point last = window.get(size - 1);
    if (enabled.contains(Rule.WE1) && Math.abs(last.z()) > 3) {
      found.add(new Violation(Rule.WE1, List.of(last.number())));
    }
    if (enabled.contains(Rule.WE2)) {
      beyondOnOneSide(window, 3, 2, 2).ifPresent(p -> found.add(new Violation(Rule.WE2, p)));
    }
    if (enabled.contains(Rule.WE3)) {
      beyondOnOneSide(window, 5, 4, 1).ifPresent(p -> found.add(new Violation(Rule.WE3, p)));
    }
    if (enabled.contains(Rule.WE4) && size >= 8) {
      List<Point> run = tail(window, 8);
      if (run.stream().allMatch(p -> p.z() > 0) || run.stream().allMatch(p -> p.z() < 0)) {
        found.add(new Violation(Rule.WE4, numbers(run)));
      }
    }
    if (enabled.contains(Rule.N5) && size >= 6) {
      List<Point> run = tail(window, 6);
      if (monotone(run, 1) || monotone(run, -1)) {
        found.add(new Violation(Rule.N5, numbers(run)));
      }
    }
    if (enabled.contains(Rule.N6) && size >= 14) {
      List<Point> run = tail(window, 14);
      if (alternating(run)) {
        found.add(new Violation(Rule.N6, numbers(run)));
      }
    }
    if (enabled.contains(Rule.N7) && size >= 15) {
      List<Point> run = tail(window, 15);
      if (run.stream().allMatch(p -> Math.abs(p.z()) < 1)) {
        found.add(new Violation(Rule.N7, numbers(run)));
      }
    }
    if (enabled.contains(Rule.N8) && size >= 8) {
      List<Point> run = tail(window, 8);
      boolean noneWithin = run.stream().allMatch(p -> Math.abs(p.z()) > 1);
      boolean both = run.stream().anyMatch(p -> p.z() > 0) && run.stream().anyMatch(p -> p.z() < 0);
      if (noneWithin && both) {
        found.add(new Violation(Rule.N8, numbers(run)));
      }
    }
    return found;
  }

  /**
   * {@code count} of the last {@code of} points beyond {@code sigmas} on the side of the newest
   * point, which must itself be beyond.
   */
  private static java.util.Optional<List<Long>> beyondOnOneSide(
      List<Point> window, int of, int count, double sigmas) {
    if (window.size() < count) {
      return java.util.Optional.empty();
    }
    Point last = window.get(window.size() - 1);
    double side = Math.signum(last.z());
    if (side == 0 || Math.abs(last.z()) <= sigmas) {
      return java.util.Optional.empty();
    }
    List<Long> beyond = new ArrayList<>();
    for (Point p : tail(window, Math.min(of, window.size()))) {
      if (Math.signum(p.z()) == side && Math.abs(p.z()) > sigmas) {
        beyond.add(p.number());
      }
    }
    return beyond.size() >= count ? java.util.Optional.of(beyond) : java.util.Optional.empty();
  }

  private static boolean monotone(List<Point> run, int direction) {
    for (int i = 1; i < run.size(); i++) {
      double step = run.get(i).value() - run.get(i - 1).value();
      if (Math.signum(step) != direction) {
        return false;
      }
    }
    return true;
  }

  private static boolean alternating(List<Point> run) {
    double previous = 0;
    for (int i = 1; i < run.size(); i++) {
      double step = Math.signum(run.get(i).value() - run.get(i - 1).value());
      if (step == 0 || step == previous) {
        return false;
      }
      previous = step;
    }
    return true;
  }

  private static List<Point> tail(List<Point> window, int count) {
    return window.subList(window.size() - count, window.size());
  }

  private static List<Long> numbers(List<Point> run) {
    return run.stream().map(Point::number).toList();
  }
}
