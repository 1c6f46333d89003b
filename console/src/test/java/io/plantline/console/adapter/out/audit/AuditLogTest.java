package io.plantline.console.adapter.out.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.console.domain.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void shouldChainEntriesAndContinueTheChainAfterAReopen(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit").resolve("console-audit.jsonl");
    try (AuditLog log = AuditLog.open(file, 100)) {
      log.append(T0, "operator", "operator", "10.0.0.7", "POST /api/v1/alarms/a/acknowledge", 202);
      log.append(T0.plusSeconds(1), "viewer", "viewer", "10.0.0.8", "POST /api/v1/x", 403);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (AuditLog log = AuditLog.open(file, 100)) {
      assertThat(log.brokenAt()).isEmpty();
      assertThat(log.size()).isEqualTo(2);
      AuditEntry third =
          log.append(T0.plusSeconds(2), "nobody", "", "?", "POST /api/v1/login", 401);
      assertThat(third.seq()).isEqualTo(3);
      List<AuditEntry> newestFirst = log.recent(10, Long.MAX_VALUE);
      assertThat(newestFirst).extracting(AuditEntry::seq).containsExactly(3L, 2L, 1L);
      assertThat(newestFirst.get(0).previousHash()).isEqualTo(newestFirst.get(1).hash());
      assertThat(newestFirst.get(2).previousHash()).isEqualTo(AuditEntry.GENESIS);
      assertThat(newestFirst).allMatch(AuditEntry::intact);
      assertThat(newestFirst.get(0).outcome()).isEqualTo("refused");
      assertThat(newestFirst.get(2).outcome()).isEqualTo("allowed");
      assertThat(log.recent(1, 3)).extracting(AuditEntry::seq).containsExactly(2L);
    }
    assertThat(Files.readAllLines(file)).hasSize(3);
  }

  @Test
  void shouldReportTheFirstEditedRemovedOrUnreadableLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("console-audit.jsonl");
    try (AuditLog log = AuditLog.open(file, 100)) {
      for (int i = 0; i < 5; i++) {
        log.append(T0.plusSeconds(i), "admin", "admin", "127.0.0.1", "POST /api/v1/w/" + i, 201);
      }
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

    List<String> edited = new ArrayList<>(lines);
    edited.set(2, edited.get(2).replace("\"status\":201", "\"status\":200"));
    assertThat(brokenAt(dir, "edited", edited)).isEqualTo(3);

    List<String> removed = new ArrayList<>(lines);
    removed.remove(1);
    assertThat(brokenAt(dir, "removed", removed)).isEqualTo(2);

    List<String> swapped = new ArrayList<>(lines);
    swapped.set(3, lines.get(4));
    swapped.set(4, lines.get(3));
    assertThat(brokenAt(dir, "swapped", swapped)).isEqualTo(4);

    List<String> garbled = new ArrayList<>(lines);
    garbled.set(0, "{not json");
    assertThat(brokenAt(dir, "garbled", garbled)).isEqualTo(1);

    // Appending after a break still chains on from the last readable entry.
    Path tampered = dir.resolve("edited.jsonl");
    try (AuditLog log = AuditLog.open(tampered, 100)) {
      AuditEntry next =
          log.append(T0.plusSeconds(9), "admin", "admin", "127.0.0.1", "POST /a", 200);
      assertThat(next.seq()).isEqualTo(6);
      assertThat(log.brokenAt()).hasValue(3);
    }
  }

  private static long brokenAt(Path dir, String name, List<String> lines) throws Exception {
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    try (AuditLog log = AuditLog.open(file, 100)) {
      return log.brokenAt().orElseThrow();
    }
  }
}
