package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SequencerTest {

  @Test
  void shouldCountFromZeroPerDevice() {
    Sequencer sequencer = new Sequencer();

    assertThat(sequencer.next("spindle-001")).isZero();
    assertThat(sequencer.next("spindle-001")).isEqualTo(1);
    assertThat(sequencer.next("meter-01")).isZero();
    assertThat(sequencer.next("spindle-001")).isEqualTo(2);
  }

  @Test
  void shouldStartAgainAtZeroForANewBoot() {
    Sequencer before = new Sequencer();
    before.next("spindle-001");

    assertThat(new Sequencer().next("spindle-001")).isZero();
  }

  @Test
  void shouldNeverHandOutASequenceNumberTwiceAcrossThreads() throws Exception {
    Sequencer sequencer = new Sequencer();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tasks =
          IntStream.range(0, 4)
              .<Future<?>>mapToObj(
                  t ->
                      pool.submit(
                          () -> {
                            for (int i = 0; i < 1000; i++) {
                              seen.add(sequencer.next("spindle-001"));
                            }
                          }))
              .toList();
      for (Future<?> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(seen).hasSize(4000).contains(0L, 3999L);
  }
}
