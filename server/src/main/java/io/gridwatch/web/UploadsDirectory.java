package io.gridwatch.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where photo uploads wait until their request ends: {@code gridwatch-uploads-*} in the temporary
 * directory, beside a {@code .lock} file that this server holds locked while it runs. A server killed
 * with -9 cannot remove its directory, but the operating system drops its lock: the next server to
 * start removes every directory whose lock it can take (and, from versions without the lock, those
 * untouched for a day), never one a live server holds. Blocking: create and close on a worker thread.
 */
final class UploadsDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadsDirectory.class);
    static final String PREFIX = "gridwatch-uploads-";
    private static final Duration UNLOCKED_AGE = Duration.ofDays(1);

    private final Path directory;
    private final Path lockFile;
    private final FileChannel channel;

    private UploadsDirectory(Path directory, Path lockFile, FileChannel channel) {
        this.directory = directory;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Sweeps what dead servers left in {@code parent}, then makes this server's directory. */
    static UploadsDirectory create(Path parent) {
        try {
            sweep(parent);
            Path directory = Files.createTempDirectory(parent, PREFIX);
            Path lockFile = lockFileOf(directory);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            return new UploadsDirectory(directory, lockFile, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the uploads directory in " + parent, e);
        }
    }

    String path() {
        return directory.toString();
    }

    /**
     * Removes files older than {@code age}: no request lives that long, so such a file is one that
     * nobody will delete (Vert.x leaves one when it cancels an upload while the file is still opening).
     */
    void removeOlderThan(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the uploads directory [path: {}]: {}", directory, e.getMessage());
        }
    }

    /** Removes the directory and its lock. */
    @Override
    public void close() {
        try {
            deleteTree(directory);
            channel.close();
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("cannot remove the uploads directory [path: {}]: {}", directory, e.getMessage());
        }
    }

    private static void sweep(Path parent) throws IOException {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path directory : found) {
                if (Files.isDirectory(directory) && abandoned(directory)) {
                    deleteTree(directory);
                    Files.deleteIfExists(lockFileOf(directory));
                    LOG.info("removed an uploads directory left by a server that died [path: {}]", directory);
                }
            }
        }
    }

    private static boolean abandoned(Path directory) throws IOException {
        Path lockFile = lockFileOf(directory);
        if (!Files.exists(lockFile)) {
            return Files.getLastModifiedTime(directory).toInstant().isBefore(Instant.now().minus(UNLOCKED_AGE));
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            // held by another server in this very process
            return false;
        }
    }

    private static Path lockFileOf(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".lock");
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
