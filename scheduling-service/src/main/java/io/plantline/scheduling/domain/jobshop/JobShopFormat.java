package io.plantline.scheduling.domain.jobshop;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the standard job-shop instance format of the OR-Library (Fisher–Thompson, Lawrence,
 * Applegate–Cook instances): lines starting with {@code #} are comments, then a line {@code jobs
 * machines}, then one line per job with {@code machine duration} pairs in processing order.
 * Machines are numbered from 0. Errors name the line.
 */
public final class JobShopFormat {
  /**
   * The most machines an instance may announce. The largest benchmark instances have 20; the limit
   * keeps a hostile size line ({@code 1 2000000000}) from allocating a machine table that does not
   * fit in memory (fuzzing found it).
   */
  public static final int MAX_MACHINES = 10_000;

  private JobShopFormat() {}

  /** Parses an instance; machine {@code k} is named {@code M<k>}, job {@code j} {@code J<j>}. */
  public static JobShop parse(String name, String text) {
    List<int[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      rows.add(numbers(line, i + 1));
      lineNumbers.add(i + 1);
    }
    if (rows.isEmpty()) {
      throw new InvalidJobShopException(name + ": no size line (jobs machines)");
    }
    int[] size = rows.get(0);
    if (size.length != 2 || size[0] <= 0 || size[1] <= 0) {
      throw new InvalidJobShopException(
          name
              + ", line "
              + lineNumbers.get(0)
              + ": expected 'jobs machines', two positive numbers");
    }
    int jobs = size[0];
    int machines = size[1];
    if (machines > MAX_MACHINES) {
      throw new InvalidJobShopException(
          name
              + ", line "
              + lineNumbers.get(0)
              + ": "
              + machines
              + " machines announced, at most "
              + MAX_MACHINES);
    }
    if (rows.size() - 1 < jobs) {
      throw new InvalidJobShopException(
          name + ": " + jobs + " jobs announced, " + (rows.size() - 1) + " job lines found");
    }
    JobShop.Builder builder = JobShop.builder(name);
    for (int m = 0; m < machines; m++) {
      builder.machine("M" + m, List.of());
    }
    for (int j = 0; j < jobs; j++) {
      int[] row = rows.get(j + 1);
      int line = lineNumbers.get(j + 1);
      if (row.length == 0 || row.length % 2 != 0) {
        throw new InvalidJobShopException(
            name
                + ", line "
                + line
                + ": expected machine/duration pairs, found "
                + row.length
                + " numbers");
      }
      List<JobShop.OperationSpec> operations = new ArrayList<>();
      for (int k = 0; k < row.length; k += 2) {
        if (row[k] < 0 || row[k] >= machines) {
          throw new InvalidJobShopException(
              name + ", line " + line + ": machine " + row[k] + " is not in 0.." + (machines - 1));
        }
        operations.add(
            new JobShop.OperationSpec(String.valueOf(k / 2), "M" + row[k], row[k + 1], null));
      }
      builder.job(new JobShop.JobSpec("J" + j, 0, operations));
    }
    return builder.build();
  }

  private static int[] numbers(String line, int lineNumber) {
    String[] fields = line.split("\\s+");
    int[] numbers = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      try {
        numbers[i] = Integer.parseInt(fields[i]);
      } catch (NumberFormatException e) {
        throw new InvalidJobShopException(
            "line " + lineNumber + ": '" + fields[i] + "' is not a whole number");
      }
    }
    return numbers;
  }
}
