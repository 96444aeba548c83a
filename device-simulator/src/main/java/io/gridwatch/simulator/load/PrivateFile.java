package io.gridwatch.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file that holds secrets: atomically (a temporary file beside it, moved into place, so a crash leaves
 * the old or the new content, never half of one) and readable by its owner only where the file system has POSIX
 * permissions. Stateless.
 */
public final class PrivateFile {

    private PrivateFile() {
    }

    /** Replaces {@code path}'s content with {@code content}, creating its directory if needed. */
    public static void write(Path path, byte[] content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".private", ".tmp");
        try {
            ownerOnly(temp);
            Files.write(temp, content);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
