package io.gridwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL that a demo killed with -9 left running on its data folder ({@code pg_ctl} detaches it, so nothing
 * stops it): stopped ({@code pg_ctl stop -m fast}) before this run starts its own there, which would otherwise wait a
 * minute and give up. Only called under {@link DataFolderLock}, so no live demo is using the folder.
 */
final class LeftoverPostgres {

    private LeftoverPostgres() {
    }

    /** Stops the postmaster named in {@code directory/postmaster.pid} if it still runs on that directory. */
    static void stop(Path directory, PrintWriter err) throws InterruptedException {
        Optional<ProcessHandle> postmaster = running(directory);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        err.println("demo: stopping the PostgreSQL the previous run left running (pid " + process.pid() + ")");
        err.flush();
        Optional<Path> pgCtl = process.info().command().map(command -> Path.of(command).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        try {
            if (pgCtl.isPresent()) {
                new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", directory.toString(), "-m", "fast", "-w")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // stopped below
        }
        if (process.isAlive()) {
            process.destroy();
            process.onExit().completeOnTimeout(process, 30, TimeUnit.SECONDS).join();
        }
    }

    private static Optional<ProcessHandle> running(Path directory) {
        try {
            Path pidFile = directory.resolve("postmaster.pid");
            if (!Files.isReadable(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !Files.isSameFile(Path.of(lines.get(1).strip()), directory)) {
                return Optional.empty();
            }
            String dataDir = lines.get(1).strip();
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(dataDir));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
