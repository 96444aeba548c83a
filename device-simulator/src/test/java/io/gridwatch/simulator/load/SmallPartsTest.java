package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line's small parsers and the payload. */
class SmallPartsTest {

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostAndPortAreSplitAtTheLastColon() {
        assertThat(HostPort.parse("localhost:1883")).isEqualTo(new HostPort("localhost", 1883));
        assertThat(HostPort.parse("[::1]:1883")).isEqualTo(new HostPort("::1", 1883));
        assertThatThrownBy(() -> HostPort.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDemosDatabaseUrlBecomesAJdbcUrlWithItsCredentialsApart() {
        DatabaseUrl demo = DatabaseUrl.parse("postgresql://postgres@localhost:41455/postgres");
        assertThat(demo).isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost:41455/postgres", "postgres", null));

        DatabaseUrl withPassword = DatabaseUrl.parse("postgresql://gw:p%40ss@db:5432/gridwatch?sslmode=require");
        assertThat(withPassword).isEqualTo(
                new DatabaseUrl("jdbc:postgresql://db:5432/gridwatch?sslmode=require", "gw", "p@ss"));

        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void theIdPrefixMatchesLiterallyInLike() {
        assertThat(RowCounter.likePrefix("load-")).isEqualTo("load-%");
        assertThat(RowCounter.likePrefix("run_1%")).isEqualTo("run\\_1\\%%");
    }

    @Test
    void deviceIdsAreZeroPaddedToTheLongestNumber() {
        assertThat(DeviceIds.of("load-", 3)).containsExactly("load-00000", "load-00001", "load-00002");
        assertThat(DeviceIds.of("x", 200_000).get(199_999)).isEqualTo("x199999");
    }

    @Test
    void aSmokePayloadIsTheContractsJsonAndGivesBackItsSeq() throws Exception {
        byte[] payload = ReadingPayload.smoke(1_764_000_000_123L, 4_567);

        JsonNode json = new ObjectMapper().readTree(payload);
        assertThat(json.get("ts").asLong()).isEqualTo(1_764_000_000_123L);
        assertThat(json.get("seq").asLong()).isEqualTo(4_567);
        assertThat(json.get("obscuration").asDouble()).isBetween(0.1, 0.5);
        assertThat(json.get("alarm").asBoolean()).isFalse();
        assertThat(json.get("battery").asInt()).isEqualTo(90);
        assertThat(ReadingPayload.seqOf(ByteBuffer.wrap(payload).asReadOnlyBuffer())).isEqualTo(4_567);
        assertThat(ReadingPayload.seqOf(ByteBuffer.wrap("{}".getBytes()))).isEqualTo(-1);
    }
}
