package io.gridwatch.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JPEG sanitised with libjpeg-turbo's own tools (Debian's {@code libjpeg-turbo-progs}: {@code djpeg}, {@code cjpeg}),
 * each in a process of its own. {@code djpeg -scale M/8} scales inside the inverse DCT, so a 12 MP photo is decoded
 * straight to 2,000 × 1,500; ImageIO decodes all 12 MP and then drops three pixels in four, which made the sanitiser
 * three times as costly (docs/benchmarks.md, photo uploads). The picture then comes back to Java for the orientation
 * and the thumbnail, and {@code cjpeg} writes the stored JPEG from bare pixels: nothing of the upload's metadata
 * survives, as on the ImageIO path. The upload and the stored JPEG go through a temporary directory of the call's own,
 * the pixels through pipes.
 *
 * <p>Anything djpeg does not decode cleanly (an error, a warning such as corrupt data) gives an empty answer: the
 * caller's ImageIO path then decides, so that a damaged photo is refused exactly as before. Thread-safe.
 *
 * @param djpeg the decoder's path
 * @param cjpeg the encoder's path
 */
record NativeJpeg(String djpeg, String cjpeg) {

    private static final Logger LOG = LoggerFactory.getLogger(NativeJpeg.class);
    private static final long TIMEOUT_SECONDS = 30;
    /**
     * The tools run niced: the sanitising comes after the answer, so when the cores are full it yields to what a
     * resident waits for (the event loop, PostgreSQL's commits); on idle cores it runs as fast as before.
     */
    private static final List<String> NICE = onPath("nice").map(nice -> List.of(nice.toString(), "-n", "10"))
            .orElse(List.of());

    /** The tools on the PATH (or in /usr/bin), looked for once; empty when either is missing: ImageIO then. */
    static Optional<NativeJpeg> find() {
        return Found.TOOLS;
    }

    private static final class Found {
        static final Optional<NativeJpeg> TOOLS = locate();
    }

    private static Optional<NativeJpeg> locate() {
        Optional<Path> djpeg = onPath("djpeg");
        Optional<Path> cjpeg = onPath("cjpeg");
        if (djpeg.isEmpty() || cjpeg.isEmpty()) {
            LOG.info("photos decoded with imageio [djpeg and cjpeg not found: install libjpeg-turbo-progs]");
            return Optional.empty();
        }
        LOG.info("photos decoded with libjpeg-turbo's tools [djpeg: {}, cjpeg: {}]", djpeg.get(), cjpeg.get());
        return Optional.of(new NativeJpeg(djpeg.get().toString(), cjpeg.get().toString()));
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    /**
     * The scale in eighths that brings the longer edge to at most {@code maxEdge}: 8, 4, 2 or 1, the factors whose
     * reduced inverse DCT libjpeg-turbo has in SIMD (3/8, 5/8, 7/8 are plain C, slower than decoding at 4/8).
     */
    static int eighths(int longestEdge, int maxEdge) {
        int eighths = 8;
        while (eighths > 1 && (longestEdge * eighths + 7) / 8 > maxEdge) {
            eighths /= 2;
        }
        return eighths;
    }

    /**
     * The photo decoded at {@code eighths}/8 of its size, turned upright ({@code orientation}, EXIF 1–8), re-encoded at
     * {@code quality}, with its thumbnail. Empty when djpeg does not decode it cleanly.
     */
    Optional<SanitizedImage> sanitize(byte[] jpeg, int eighths, int orientation, float quality,
            ExifReader.Facts exif) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridwatch-jpeg-");
            Path in = dir.resolve("upload.jpg");
            try (OutputStream file = new FileOutputStream(in.toFile())) {
                file.write(jpeg);
            }
            byte[] decoded = run(dir, in, null, null, djpeg, "-scale", eighths + "/8");
            BufferedImage image = decoded == null ? null : Pnm.read(decoded);
            if (image == null) {
                return Optional.empty();
            }
            BufferedImage upright = orientation <= 1 ? image : ImageSanitizer.upright(image, orientation);
            Path clean = dir.resolve("clean.jpg");
            if (run(dir, null, upright == image ? decoded : Pnm.bytes(upright), clean, cjpeg, "-quality",
                    Integer.toString(Math.round(quality * 100))) == null) {
                throw new IllegalStateException("cjpeg could not encode a decoded picture");
            }
            byte[] stored;
            try (InputStream file = new FileInputStream(clean.toFile())) {
                stored = file.readAllBytes();
            }
            BufferedImage thumb = ImageSanitizer.thumbnail(upright);
            return Optional.of(new SanitizedImage(stored, upright.getWidth(), upright.getHeight(),
                    ImageSanitizer.encode(thumb, ImageSanitizer.THUMB_QUALITY), thumb.getWidth(), thumb.getHeight(),
                    exif.gps()));
        } catch (IOException e) {
            throw new UncheckedIOException("jpeg tools: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Runs a tool reading the file {@code input}, or {@code feed} on its stdin, and writing to the file {@code out}, or
     * to a pipe whose bytes are returned; null when it did not end well or said anything on stderr. One side is always
     * a file, so the tool and this thread never wait on each other's pipe. Plain streams, not NIO channels: those stage
     * every read and write through a cached direct buffer of its size (2–9 MB a photo), which counts against the
     * server's capped direct memory.
     */
    private static byte[] run(Path dir, Path input, byte[] feed, Path out, String... command) throws IOException {
        Path errors = dir.resolve("errors.txt");
        List<String> niced = new ArrayList<>(NICE);
        niced.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(niced).redirectError(errors.toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        if (out != null) {
            builder.redirectOutput(out.toFile());
        }
        Process process = builder.start();
        byte[] output = new byte[0];
        try {
            if (feed != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(feed);
                }
            } else {
                process.getOutputStream().close();
            }
            if (out == null) {
                try (InputStream stdout = process.getInputStream()) {
                    output = stdout.readAllBytes();
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " still running after " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command[0] + " ran", e);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        return process.exitValue() == 0 && Files.size(errors) == 0 ? output : null;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("temporary jpeg files not deleted [directory: {}]: {}", dir, e.getMessage());
        }
    }

    /** The binary PNM djpeg writes (P6 colour, P5 grey, 8 bits) and cjpeg reads. */
    static final class Pnm {

        private Pnm() {
        }

        /** A picture Java2D draws fast (3-byte BGR or grey); null for anything but an 8-bit P5 or P6. */
        static BufferedImage read(byte[] file) {
            List<String> header = new ArrayList<>(4);
            int at = 0;
            while (header.size() < 4 && at < file.length) {
                while (at < file.length && Character.isWhitespace(file[at])) {
                    at++;
                }
                int start = at;
                while (at < file.length && !Character.isWhitespace(file[at])) {
                    at++;
                }
                header.add(new String(file, start, at - start, StandardCharsets.US_ASCII));
            }
            at++; // the single whitespace before the pixels
            if (header.size() < 4 || !"255".equals(header.get(3))) {
                return null;
            }
            int width = Integer.parseInt(header.get(1));
            int height = Integer.parseInt(header.get(2));
            boolean colour = "P6".equals(header.get(0));
            if (!colour && !"P5".equals(header.get(0))) {
                return null;
            }
            int channels = colour ? 3 : 1;
            if ((long) width * height * channels != file.length - at) {
                return null;
            }
            BufferedImage image = new BufferedImage(width, height,
                    colour ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            if (!colour) {
                System.arraycopy(file, at, pixels, 0, pixels.length);
                return image;
            }
            for (int i = 0; i < pixels.length; i += 3, at += 3) { // RGB to BGR
                pixels[i] = file[at + 2];
                pixels[i + 1] = file[at + 1];
                pixels[i + 2] = file[at];
            }
            return image;
        }

        /** A P6 file of an RGB picture ({@link ImageSanitizer#upright} draws on {@code TYPE_INT_RGB}). */
        static byte[] bytes(BufferedImage rgb) {
            byte[] header = ("P6\n" + rgb.getWidth() + " " + rgb.getHeight() + "\n255\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int[] pixels = rgb.getType() == BufferedImage.TYPE_INT_RGB
                    ? ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData()
                    : rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
            byte[] out = new byte[header.length + pixels.length * 3];
            System.arraycopy(header, 0, out, 0, header.length);
            int at = header.length;
            for (int pixel : pixels) {
                out[at++] = (byte) (pixel >> 16);
                out[at++] = (byte) (pixel >> 8);
                out[at++] = (byte) pixel;
            }
            return out;
        }
    }
}
