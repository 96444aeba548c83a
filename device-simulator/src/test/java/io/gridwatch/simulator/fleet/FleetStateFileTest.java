package io.gridwatch.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.simulator.fleet.FleetStateFile.SavedDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStateFileTest {

    @TempDir
    Path dir;

    @Test
    void tokensAndNextSequenceNumbersAreReadBackWithTheFleetAndHowTheRunStopped() throws Exception {
        FleetStateFile file = new FleetStateFile(dir.resolve("state/fleet.json"));

        file.write("seed=1", false, List.of(new SavedDevice("a", "ta", 17), new SavedDevice("b", "tb", 0)));

        FleetStateFile.Saved saved = file.read();
        assertThat(saved.fleet()).isEqualTo("seed=1");
        assertThat(saved.clean()).isFalse();
        assertThat(saved.devices().values()).containsExactly(new SavedDevice("a", "ta", 17), new SavedDevice("b", "tb", 0));
        assertThat(Files.getPosixFilePermissions(file.path())).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aMissingFileHoldsNoFleetAndCountsAsClean() {
        FleetStateFile.Saved saved = new FleetStateFile(dir.resolve("absent.json")).read();

        assertThat(saved.fleet()).isNull();
        assertThat(saved.clean()).isTrue();
        assertThat(saved.devices()).isEmpty();
    }

    @Test
    void aSavedDeviceNeverPrintsItsToken() {
        assertThat(new SavedDevice("a", "secret", 1).toString()).doesNotContain("secret");
    }
}
