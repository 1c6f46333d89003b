package io.plantline.scheduling.domain.jobshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * When a machine cannot work: planned maintenance, a breakdown, or operations already fixed on it.
 * Windows are half-open {@code [from, to)} in the problem's time unit, kept sorted and merged.
 * Operations are not preemptive: one that would overlap a window starts after it.
 */
public final class MachineCalendar {
  /** A calendar without unavailability. */
  public static final MachineCalendar ALWAYS_AVAILABLE =
      new MachineCalendar(new int[0], new int[0]);

  private final int[] from;
  private final int[] to;

  private MachineCalendar(int[] from, int[] to) {
    this.from = from;
    this.to = to;
  }

  /** A half-open window {@code [from, to)} when the machine is unavailable. */
  public record Window(int from, int to) {
    /** Rejects empty or reversed windows. */
    public Window {
      if (to <= from) {
        throw new InvalidJobShopException(
            "an unavailability window must end after it starts (from " + from + ", to " + to + ")");
      }
    }
  }

  /** Builds a calendar from windows in any order; overlapping or touching windows are merged. */
  public static MachineCalendar of(List<Window> windows) {
    if (windows.isEmpty()) {
      return ALWAYS_AVAILABLE;
    }
    List<Window> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingInt(Window::from));
    int[] from = new int[sorted.size()];
    int[] to = new int[sorted.size()];
    int count = 0;
    for (Window window : sorted) {
      if (count > 0 && window.from() <= to[count - 1]) {
        to[count - 1] = Math.max(to[count - 1], window.to());
      } else {
        from[count] = window.from();
        to[count] = window.to();
        count++;
      }
    }
    return new MachineCalendar(Arrays.copyOf(from, count), Arrays.copyOf(to, count));
  }

  /** Whether the machine is ever unavailable. */
  public boolean hasWindows() {
    return from.length > 0;
  }

  /** The merged windows in time order. */
  public List<Window> windows() {
    List<Window> windows = new ArrayList<>(from.length);
    for (int i = 0; i < from.length; i++) {
      windows.add(new Window(from[i], to[i]));
    }
    return windows;
  }

  /**
   * The earliest start at or after {@code ready} at which an operation of {@code duration} runs
   * without overlapping a window.
   */
  public int earliestStart(int ready, int duration) {
    if (from.length == 0) {
      return ready;
    }
    // First window that ends after ready: every earlier one is behind us.
    int i = Arrays.binarySearch(to, ready);
    i = i >= 0 ? i + 1 : -i - 1;
    int start = ready;
    while (i < from.length && from[i] < start + Math.max(duration, 1)) {
      start = Math.max(start, to[i]);
      i++;
    }
    return start;
  }
}
