package io.gridwatch.report;

import io.gridwatch.error.ClientError;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded file into something safe to store and show (OWASP file-upload practice): the
 * type is decided by the content (JPEG or PNG magic bytes, then a decode that must succeed without
 * warnings), never by a name or a Content-Type; the pixel count is read from the header and checked
 * before any pixel is decoded; the picture is then drawn upright (EXIF orientation applied) onto a
 * fresh RGB canvas and re-encoded as JPEG, so that nothing of the original file (EXIF, GPS, serial
 * numbers, comments, trailing data, a polyglot's second life) survives. Pictures longer than
 * {@link #MAX_STORED_EDGE} are subsampled while decoding (every n-th pixel of every n-th row), which bounds memory
 * and cuts the colour conversion, the redraw and above all the re-encoding to the stored size: about half the CPU of
 * a full-size decode for a 12 MP phone photo (docs/benchmarks.md, photo throughput).
 *
 * <p>{@link #inspect} is the cheap part (magic bytes, the header's size, EXIF): what must be refused at once, before
 * the resident is answered; {@link #sanitize} is the expensive part, done after the answer.
 *
 * <p>Blocking and CPU-heavy: call it on a worker thread. Thread-safe (no state besides its limits).
 */
public final class ImageSanitizer {

    /** The longest edge stored: a 12 MP phone photo (4,000 px) is kept at 2,000 px, plenty to judge a hazard. */
    public static final int MAX_STORED_EDGE = 2048;
    public static final int THUMB_EDGE = 320;
    static final float QUALITY = 0.85f;
    private static final float THUMB_QUALITY = 0.8f;

    private final long maxPixels;

    public ImageSanitizer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * What can be told without decoding a pixel: the type (by content), the size (from the header, checked against
     * the pixel limit) and the EXIF GPS position. Milliseconds for a 10 MB photo.
     *
     * @throws ClientError 415 when the content is neither JPEG nor PNG, 422 when the header is unreadable or
     *     announces too many pixels
     */
    public PhotoCheck inspect(byte[] upload) {
        String format = format(upload);
        read(upload, format, reader -> {
            checkSize(reader.getWidth(0), reader.getHeight(0));
            return null;
        });
        ExifReader.Facts exif = "jpeg".equals(format) ? ExifReader.read(upload) : ExifReader.Facts.NONE;
        return new PhotoCheck(format, exif.gps());
    }

    /**
     * @throws ClientError 415 when the content is neither JPEG nor PNG, 422 when it has too many
     *     pixels or does not decode cleanly
     */
    public SanitizedImage sanitize(byte[] upload) {
        String format = format(upload);
        BufferedImage decoded = decode(upload, format);
        ExifReader.Facts exif = "jpeg".equals(format) ? ExifReader.read(upload) : ExifReader.Facts.NONE;
        BufferedImage upright = isPlain(decoded, exif.orientation()) ? decoded : upright(decoded, exif.orientation());
        BufferedImage thumb = thumbnail(upright);
        return new SanitizedImage(encode(upright, QUALITY), upright.getWidth(), upright.getHeight(),
                encode(thumb, THUMB_QUALITY), thumb.getWidth(), thumb.getHeight(), exif.gps());
    }

    /** "jpeg" or "png", from the first bytes only. */
    static String format(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length >= png.length && java.util.Arrays.equals(b, 0, png.length, png, 0, png.length)) {
            return "png";
        }
        throw new ClientError(415, "unsupported_image", "the photo must be a JPEG or PNG image");
    }

    /** A decoded picture that can be encoded as it is: upright, opaque, RGB or grey. */
    private static boolean isPlain(BufferedImage image, int orientation) {
        int type = image.getType();
        return orientation <= 1 && (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY);
    }

    private static ImageReader reader(String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    private void checkSize(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > maxPixels) {
            throw new ClientError(422, "too_many_pixels", "the photo is " + width + " × " + height
                    + " pixels; at most " + maxPixels + " pixels are accepted");
        }
    }

    private BufferedImage decode(byte[] upload, String format) {
        return read(upload, format, reader -> {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkSize(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + MAX_STORED_EDGE - 1) / MAX_STORED_EDGE;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw damaged();
            }
            return image;
        });
    }

    /** What an ImageIO step reads from the upload; anything but a ClientError from it means a damaged image. */
    @FunctionalInterface
    private interface Reading<T> {
        T from(ImageReader reader) throws IOException;
    }

    private static <T> T read(byte[] upload, String format, Reading<T> reading) {
        ImageReader reader = reader(format);
        // in memory: ImageIO's default stream for an InputStream caches it in a temporary file, per photo
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            return reading.from(reader);
        } catch (ClientError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    private static ClientError damaged() {
        return new ClientError(422, "bad_image", "the photo could not be read as a complete JPEG or PNG image");
    }

    /** The picture as it should be seen (EXIF orientation 1–8 applied), on a fresh RGB canvas. */
    static BufferedImage upright(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        boolean turned = orientation >= 5 && orientation <= 8;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE); // transparent PNG areas
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** At most {@link #THUMB_EDGE} on the longer edge, halving step by step for a smooth result. */
    static BufferedImage thumbnail(BufferedImage image) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > THUMB_EDGE) {
            double scale = Math.max(0.5, (double) THUMB_EDGE / Math.max(current.getWidth(), current.getHeight()));
            int w = Math.max(1, (int) Math.round(current.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(current.getHeight() * scale));
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }

    /** A baseline JPEG with a bare JFIF header: no EXIF, no comments. */
    static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
