package io.gridwatch.cli;

import io.gridwatch.app.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One demo per data folder: an OS file lock on {@code <data dir>/gridwatch.lock}, held until the JVM exits (the OS
 * drops it even after a crash, so a stale file never blocks the next run). Taken before the embedded database
 * starts, so that a second demo on the same folder stops with one line instead of the database's stack trace.
 */
final class DataFolderLock {

    static final String FILE = "gridwatch.lock";
    /** The locks this JVM holds: referenced here so that no garbage collection closes their channels. */
    private static final Set<DataFolderLock> HELD = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StartupException when another gridwatch holds the folder, or the folder cannot be written */
    static DataFolderLock take(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw taken(dataDir, null);
            }
            DataFolderLock held = new DataFolderLock(channel, lock);
            HELD.add(held);
            return held;
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw taken(dataDir, e);
        } catch (IOException e) {
            close(channel);
            throw new StartupException("cannot use the data folder " + dataDir.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        } catch (StartupException e) {
            close(channel);
            throw e;
        }
    }

    private static StartupException taken(Path dataDir, Throwable cause) {
        return new StartupException("another gridwatch uses the data folder " + dataDir.toAbsolutePath()
                + " (stop it first, or set GRIDWATCH_DATA_DIR to another folder)", cause);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }

    /** Lets the folder go (tests; the demo keeps it until the JVM exits). */
    void release() {
        HELD.remove(this);
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock either way
        }
    }
}
