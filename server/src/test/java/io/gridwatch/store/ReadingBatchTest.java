package io.gridwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadingBatchTest {

    @Test
    void theCheapUtcTimeIsTheSameAsAtOffsetUtc() {
        for (Instant t : new Instant[] {Instant.parse("2026-12-03T15:20:01.123456789Z"), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("-4000-01-01T00:00:00Z"),
                Instant.parse("+200000-06-30T12:00:00.5Z")}) {
            assertThat(ReadingBatch.utc(t)).isEqualTo(t.atOffset(ZoneOffset.UTC));
        }
    }
}
