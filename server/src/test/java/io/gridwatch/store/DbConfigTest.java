package io.gridwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

class DbConfigTest {

    @Test
    void aPostgresqlUrlGivesUserPasswordHostPortAndDatabase() {
        // given a URL as GRIDWATCH_DB_URL holds it
        // when it is parsed
        DbConfig config = DbConfig.parse("postgresql://grid:s3cret@db.example.org:6543/gridwatch");
        // then every part is there
        assertThat(config.user()).isEqualTo("grid");
        assertThat(config.password()).isEqualTo("s3cret");
        assertThat(config.host()).isEqualTo("db.example.org");
        assertThat(config.port()).isEqualTo(6543);
        assertThat(config.database()).isEqualTo("gridwatch");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/gridwatch");
    }

    @Test
    void aPercentEncodedPasswordIsDecoded() {
        // given a password with @ : / % + and a non-ASCII letter, percent-encoded in the URL
        String url = "postgres://app%20user:p%40ss%3Aw%2Fo%25rd+%C3%A9@localhost/db";
        // when it is parsed
        DbConfig config = DbConfig.parse(url);
        // then user and password are the decoded text ('+' stays a plus, as in URIs)
        assertThat(config.user()).isEqualTo("app user");
        assertThat(config.password()).isEqualTo("p@ss:w/o%rd+é");
        assertThat(config.port()).isEqualTo(5432);
    }

    @Test
    void toStringAndTheJdbcUrlNeverShowThePassword() {
        // given a configuration with a password
        DbConfig config = DbConfig.parse("postgresql://grid:hunter2@db:5432/gridwatch?sslmode=require");
        // when it is printed (as logs do)
        // then the password is masked and absent from the JDBC URL
        assertThat(config.toString()).doesNotContain("hunter2")
                .isEqualTo("postgresql://grid:***@db:5432/gridwatch?sslmode=require");
        assertThat(config.jdbcUrl()).doesNotContain("hunter2");
    }

    @Test
    void queryParametersAreKeptForJdbcAndSslmodeIsMappedForThePgClient() {
        // given a URL asking for TLS
        DbConfig config = DbConfig.parse("postgresql://grid:pw@db/gridwatch?sslmode=require&application_name=gw");
        // when both forms are made
        PgConnectOptions options = config.connectOptions();
        // then JDBC gets the parameters as they are, and the pg client TLS without verification (as libpq's require)
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/gridwatch?sslmode=require&application_name=gw");
        assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(options.getSslOptions().isTrustAll()).isTrue();
        assertThat(options.getProperties()).containsEntry("application_name", "gw");
        assertThat(options.getUser()).isEqualTo("grid");
        assertThat(options.getPassword()).isEqualTo("pw");
        assertThat(options.getHost()).isEqualTo("db");
        assertThat(options.getPort()).isEqualTo(5432);
        assertThat(options.getDatabase()).isEqualTo("gridwatch");
    }

    @Test
    void aJdbcUrlWithCredentialsInItsQueryIsAccepted() {
        // given a JDBC URL, credentials as parameters
        DbConfig config = DbConfig.parse("jdbc:postgresql://[::1]:5433/gw?user=grid&password=p%26w&sslmode=disable");
        // when it is parsed, then the credentials leave the parameters and the IPv6 host keeps its brackets in URLs
        assertThat(config.user()).isEqualTo("grid");
        assertThat(config.password()).isEqualTo("p&w");
        assertThat(config.host()).isEqualTo("::1");
        assertThat(config.port()).isEqualTo(5433);
        assertThat(config.params()).containsOnlyKeys("sslmode");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/gw?sslmode=disable");
        assertThat(config.connectOptions().getSslMode()).isEqualTo(SslMode.DISABLE);
    }

    @Test
    void missingPartsTakeLibpqDefaults() {
        // given a URL with only a user and a host
        DbConfig config = DbConfig.parse("postgresql://grid@db");
        // then the port is 5432, the database is named after the user, and there is no password
        assertThat(config.port()).isEqualTo(5432);
        assertThat(config.database()).isEqualTo("grid");
        assertThat(config.password()).isNull();
        assertThat(config.toString()).isEqualTo("postgresql://grid@db:5432/grid");
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DbConfig.parse("mysql://u:secret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgresql://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DbConfig.parse("postgresql://u:secret@h:port/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DbConfig.parse("postgresql://u:secret@h1,h2/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several hosts");
        assertThatThrownBy(() -> DbConfig.parse("postgresql://u:sec%zzret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sec");
        assertThatThrownBy(() -> DbConfig.parse("postgresql://u@h/db?sslmode=sometimes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslmode");
        assertThatThrownBy(() -> DbConfig.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
