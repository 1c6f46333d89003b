package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(123 * SECOND);

  @Test
  void shouldAllowTheBurstThenRefuseWithTheTimeToTheNextToken() {
    RateLimiter limiter = new RateLimiter(20, 40, 100, clock::get);

    for (int i = 0; i < 40; i++) {
      assertThat(limiter.tryAcquire("alice")).as("request %d", i + 1).isZero();
    }
    long wait = limiter.tryAcquire("alice");

    assertThat(wait).isEqualTo(SECOND / 20);
  }

  @Test
  void shouldRefillAtTheRate() {
    RateLimiter limiter = new RateLimiter(20, 40, 100, clock::get);
    for (int i = 0; i < 40; i++) {
      limiter.tryAcquire("alice");
    }

    clock.addAndGet(SECOND / 2); // 10 tokens
    int allowed = 0;
    while (limiter.tryAcquire("alice") == 0) {
      allowed++;
    }

    assertThat(allowed).isEqualTo(10);
    clock.addAndGet(60 * SECOND);
    int afterLongPause = 0;
    while (limiter.tryAcquire("alice") == 0) {
      afterLongPause++;
    }
    assertThat(afterLongPause).as("never more than the burst").isEqualTo(40);
  }

  @Test
  void shouldKeepOneBucketPerKey() {
    RateLimiter limiter = new RateLimiter(1, 2, 100, clock::get);
    limiter.tryAcquire("alice");
    limiter.tryAcquire("alice");

    assertThat(limiter.tryAcquire("alice")).isPositive();
    assertThat(limiter.tryAcquire("bob")).isZero();
  }

  @Test
  void shouldTellTheWaitWithoutTakingATokenForFailureCounting() {
    RateLimiter failures = new RateLimiter(1 / 60.0, 3, 100, clock::get);

    assertThat(failures.waitTime("mallory")).isZero();
    failures.tryAcquire("mallory");
    failures.tryAcquire("mallory");
    assertThat(failures.waitTime("mallory")).isZero();
    assertThat(failures.waitTime("mallory")).as("checking takes nothing").isZero();
    failures.tryAcquire("mallory");

    long wait = failures.waitTime("mallory");
    assertThat(wait).isEqualTo(60 * SECOND);
    clock.addAndGet(wait);
    assertThat(failures.waitTime("mallory")).isZero();
  }

  @Test
  void shouldStayBoundedForgettingFullBucketsFirst() {
    RateLimiter limiter = new RateLimiter(1, 5, 3, clock::get);
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    clock.addAndGet(10 * SECOND); // a and b full again, busy too
    limiter.tryAcquire("busy"); // busy: 4 of 5 left

    limiter.tryAcquire("c");

    assertThat(limiter.size()).isLessThanOrEqualTo(3);
    assertThat(limiter.waitTime("busy")).isZero();
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");
    limiter.tryAcquire("busy");
    assertThat(limiter.tryAcquire("busy"))
        .as("busy kept its state: only 4 tokens were left")
        .isPositive();
  }
}
