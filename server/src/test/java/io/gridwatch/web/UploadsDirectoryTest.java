package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload directories left by a server killed with -9 are removed at the next start; a live server's never. */
class UploadsDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryWhoseLockNobodyHoldsIsRemovedAtStart() throws Exception {
        // given what a killed server leaves: its directory with a photo half written, and its lock file, unlocked
        Path dead = Files.createDirectory(tmp.resolve(UploadsDirectory.PREFIX + "123"));
        Files.writeString(dead.resolve("photo"), "half a jpeg");
        Files.createFile(tmp.resolve(UploadsDirectory.PREFIX + "123.lock"));

        // when
        try (UploadsDirectory started = UploadsDirectory.create(tmp)) {
            // then
            assertThat(dead).doesNotExist();
            assertThat(tmp.resolve(UploadsDirectory.PREFIX + "123.lock")).doesNotExist();
            assertThat(Path.of(started.path())).isDirectory();
        }
    }

    @Test
    void aLiveServersDirectoryIsKeptAndEachServerRemovesOnlyItsOwnOnClose() throws Exception {
        try (UploadsDirectory first = UploadsDirectory.create(tmp)) {
            Files.writeString(Path.of(first.path()).resolve("photo"), "uploading");

            UploadsDirectory second = UploadsDirectory.create(tmp);
            second.close();

            assertThat(Path.of(first.path()).resolve("photo")).exists();
            assertThat(Path.of(second.path())).doesNotExist();
        }
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void filesOlderThanAnyRequestAreRemovedWhileTheServerRuns() throws Exception {
        try (UploadsDirectory uploads = UploadsDirectory.create(tmp)) {
            Path orphan = Files.writeString(Path.of(uploads.path()).resolve("orphan"), "cancelled upload");
            Path current = Files.writeString(Path.of(uploads.path()).resolve("current"), "uploading now");
            Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));

            uploads.removeOlderThan(Duration.ofMinutes(10));

            assertThat(orphan).doesNotExist();
            assertThat(current).exists();
        }
    }

    @Test
    void directoriesWithoutALockAreRemovedOnlyWhenUntouchedForADay() throws Exception {
        Path recent = Files.createDirectory(tmp.resolve(UploadsDirectory.PREFIX + "recent"));
        Path old = Files.createDirectory(tmp.resolve(UploadsDirectory.PREFIX + "old"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        UploadsDirectory.create(tmp).close();

        assertThat(recent).isDirectory();
        assertThat(old).doesNotExist();
    }
}
