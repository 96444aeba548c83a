package io.gridwatch.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Test pictures made here, never downloaded: JPEGs and PNGs drawn with ImageIO, an EXIF APP1
 * segment (orientation, GPS, camera serial) built byte by byte, and hostile files.
 */
public final class TestImages {

    /** What the EXIF block carries besides orientation and GPS, to prove it does not survive. */
    public static final String SERIAL = "SN-CAMERA-0042";
    public static final String COMMENT = "secret comment";

    private TestImages() {
    }

    /** Left half red, right half blue: orientation changes are visible. */
    public static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    /** A noisy JPEG of about {@code bytes} (noise does not compress), for size tests and benchmarks. */
    public static byte[] noisyJpeg(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return jpeg(image);
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The JPEG with an APP1 Exif segment (big-endian TIFF: orientation, body serial number, GPS
     * position) and a COM comment inserted right after SOI.
     */
    public static byte[] withExif(byte[] jpeg, int orientation, double lon, double lat) {
        byte[] tiff = tiff(orientation, lon, lat);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff);
        byte[] comment = COMMENT.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer com = ByteBuffer.allocate(4 + comment.length);
        com.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (2 + comment.length)).put(comment);
        return concat(new byte[] {jpeg[0], jpeg[1]}, app1.array(), com.array(),
                java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** TIFF header, IFD0 (orientation, serial, GPS pointer), GPS IFD, then the values. */
    private static byte[] tiff(int orientation, double lon, double lat) {
        byte[] serial = (SERIAL + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int gpsIfd = ifd0 + ifd0Size;
        int gpsSize = 2 + 4 * 12 + 4;
        int latAt = gpsIfd + gpsSize;
        int lonAt = latAt + 24;
        int serialAt = lonAt + 24;
        ByteBuffer b = ByteBuffer.allocate(serialAt + serial.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        b.putShort((short) 3);
        entry(b, 0x0112, 3, 1, orientation << 16);
        entry(b, 0xA431, 2, serial.length, serialAt); // BodySerialNumber
        entry(b, 0x8825, 4, 1, gpsIfd);
        b.putInt(0);
        b.putShort((short) 4);
        entry(b, 1, 2, 2, (lat >= 0 ? 'N' : 'S') << 24);
        entry(b, 2, 5, 3, latAt);
        entry(b, 3, 2, 2, (lon >= 0 ? 'E' : 'W') << 24);
        entry(b, 4, 5, 3, lonAt);
        b.putInt(0);
        degrees(b, Math.abs(lat));
        degrees(b, Math.abs(lon));
        b.put(serial);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    /** Degrees, minutes, seconds (1/10000 s) as three RATIONALs. */
    private static void degrees(ByteBuffer b, double value) {
        int d = (int) value;
        double minutes = (value - d) * 60;
        int m = (int) minutes;
        long s = Math.round((minutes - m) * 60 * 10_000);
        b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(10_000);
    }

    /** A valid PNG signature and IHDR claiming this size, then nothing: a decompression bomb's header. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer chunk = ByteBuffer.allocate(4 + 17 + 4);
        chunk.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, chunk.array());
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Whether the JPEG has an APP1 segment starting with "Exif" anywhere before its image data. */
    public static boolean hasExif(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xDA) {
                return false;
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xE1 && new String(jpeg, pos + 4, Math.min(4, length), StandardCharsets.ISO_8859_1)
                    .equals("Exif")) {
                return true;
            }
            pos += 2 + length;
        }
        return false;
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
