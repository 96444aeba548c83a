package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void devicesWrittenAreReadBackInOrder() {
        TokenFile file = new TokenFile(dir.resolve("sub/tokens.json"));
        List<DeviceCredentials> devices = List.of(new DeviceCredentials("load-00001", "t1"),
                new DeviceCredentials("load-00000", "t0"));

        file.write(devices);

        assertThat(file.read().values()).containsExactlyElementsOf(devices);
        assertThat(file.read()).containsOnlyKeys("load-00001", "load-00000");
    }

    @Test
    void aMissingFileHoldsNoDevices() {
        assertThat(new TokenFile(dir.resolve("absent.json")).read()).isEmpty();
    }

    @Test
    void writingAgainReplacesTheContentAndOnlyTheOwnerMayReadIt() throws IOException {
        TokenFile file = new TokenFile(dir.resolve("tokens.json"));
        file.write(List.of(new DeviceCredentials("a", "1")));

        file.write(List.of(new DeviceCredentials("b", "2")));

        assertThat(file.read()).containsOnlyKeys("b");
        assertThat(Files.getPosixFilePermissions(file.path()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aDeviceWithoutTokenIsRefused() throws IOException {
        Path path = dir.resolve("bad.json");
        Files.writeString(path, "{\"devices\": [{\"id\": \"a\"}]}");

        assertThatThrownBy(() -> new TokenFile(path).read()).isInstanceOf(LoadException.class)
                .hasMessageContaining("without id or token");
    }

    @Test
    void credentialsNeverPrintTheirToken() {
        assertThat(new DeviceCredentials("a", "secret").toString()).doesNotContain("secret");
    }
}
