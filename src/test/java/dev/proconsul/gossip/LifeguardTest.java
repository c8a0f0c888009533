package dev.proconsul.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifeguardTest {
    @Test
    void suspicionTimeoutShrinksFromMaxToMinWithConfirmations() {
        // memberlist: min = SuspicionMult * max(1, log10(n)) * ProbeInterval; max = 6 * min; k = SuspicionMult - 2
        long min = Suspicion.minTimeoutMillis(4, 100, 1000);
        assertThat(min).isEqualTo(8000);
        assertThat(Suspicion.minTimeoutMillis(4, 3, 1000)).isEqualTo(4000);
        Suspicion s = new Suspicion(1, "a", min, 6 * min, 2);
        assertThat(s.timeoutMillis()).isEqualTo(48000);
        assertThat(s.confirm("a")).isFalse(); // the same accuser twice counts once
        assertThat(s.confirm("b")).isTrue();
        long afterOne = s.timeoutMillis();
        assertThat(afterOne).isLessThan(48000).isGreaterThan(min);
        assertThat(s.confirm("c")).isTrue();
        assertThat(s.timeoutMillis()).isEqualTo(min);
        assertThat(s.confirm("d")).isFalse(); // no more than k confirmations matter
        assertThat(new Suspicion(1, "a", min, 6 * min, 0).timeoutMillis()).isEqualTo(min);
    }

    @Test
    void healthScoreIsBoundedAndScalesTimeouts() {
        Awareness a = new Awareness();
        assertThat(a.scale(500)).isEqualTo(500);
        a.apply(3);
        assertThat(a.scale(500)).isEqualTo(2000);
        a.apply(100);
        assertThat(a.score()).isEqualTo(Awareness.MAX_MULTIPLIER - 1);
        a.apply(-100);
        assertThat(a.score()).isZero();
    }
}
