package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void dueMessagesGrowWithTheRateTimesTheElapsedTime() {
        assertThat(RatePacer.dueBy(10_000, 0)).isZero();
        assertThat(RatePacer.dueBy(10_000, 1 * MS)).isEqualTo(10);
        assertThat(RatePacer.dueBy(10_000, 1_000 * MS)).isEqualTo(10_000);
        assertThat(RatePacer.dueBy(3, 500 * MS)).isEqualTo(1);
        assertThat(RatePacer.dueBy(100_000, TimeUnit.HOURS.toNanos(1))).isEqualTo(360_000_000L);
    }

    @Test
    void aPacerThatKeepsUpSendsExactlyTheRateOverASecond() {
        RatePacer pacer = new RatePacer(12_345, 1_000);
        long sent = 0;
        for (long t = 0; t <= 1_000 * MS; t += MS) {
            long quota = pacer.quota(t);
            pacer.issued(quota);
            sent += quota;
        }
        assertThat(sent).isEqualTo(12_345);
        assertThat(pacer.skipped()).isZero();
    }

    @Test
    void aLateTickCatchesUpWhatItOwes() {
        RatePacer pacer = new RatePacer(1_000, 1_000);
        pacer.issued(pacer.quota(10 * MS));

        long quota = pacer.quota(60 * MS);

        assertThat(quota).isEqualTo(50);
    }

    @Test
    void messagesNotSentStayOwedUpToTheBacklogAndTheRestIsSkipped() {
        RatePacer pacer = new RatePacer(10_000, 100);
        pacer.issued(40);                         // of 10 due at 1 ms, as if sent early (cannot happen, harmless)
        long quota = pacer.quota(50 * MS);        // 500 due, 40 sent: 460 owed, capped at 100
        assertThat(quota).isEqualTo(100);
        assertThat(pacer.skipped()).isEqualTo(360);

        pacer.issued(30);                         // only 30 could go out
        assertThat(pacer.quota(50 * MS)).isEqualTo(70);
        assertThat(pacer.issued() + pacer.skipped() + 70).isEqualTo(500);
    }

    @Test
    void theDefaultBacklogIsATenthOfASecond() {
        RatePacer pacer = RatePacer.withTenthSecondBacklog(20_000);

        assertThat(pacer.quota(10_000 * MS)).isEqualTo(2_000);
        assertThat(pacer.skipped()).isEqualTo(198_000);
    }

    @Test
    void aRateOrBacklogOfZeroIsRefused() {
        assertThatThrownBy(() -> new RatePacer(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RatePacer(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
