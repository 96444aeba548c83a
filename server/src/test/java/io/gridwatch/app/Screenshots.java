package io.gridwatch.app;

import java.nio.file.Path;

/**
 * Where the browser tests put their screenshots: {@code server/target/screenshots/}, or the repository's
 * {@code docs/} when run with {@code -Dgridwatch.screenshots=docs} (how the README's pictures are made).
 */
final class Screenshots {

    private Screenshots() {
    }

    static Path file(String name) {
        Path module = Path.of(System.getProperty("user.dir"));
        boolean docs = "docs".equals(System.getProperty("gridwatch.screenshots"));
        return docs ? module.getParent().resolve("docs").resolve(name) : module.resolve("target/screenshots").resolve(name);
    }
}
