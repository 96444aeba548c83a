package io.gridwatch.report;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the two things gridwatch wants from a JPEG's EXIF block (its APP1 {@code Exif} segment), and
 * nothing else: the orientation (tag 0x0112) and the GPS position (the GPS IFD's tags 1–4). Written
 * for hostile input: every offset is checked against the segment, loops are bounded, and anything
 * malformed reads as "no orientation, no position" rather than failing. Other formats (PNG) have no
 * facts. Stateless and thread-safe.
 */
public final class ExifReader {

    /** What was found; orientation 1 (as stored) when absent or invalid. */
    public record Facts(int orientation, Optional<ExifGps> gps) {
        static final Facts NONE = new Facts(1, Optional.empty());
    }

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TAG_GPS_IFD = 0x8825;
    private static final int TAG_LAT_REF = 1;
    private static final int TAG_LAT = 2;
    private static final int TAG_LON_REF = 3;
    private static final int TAG_LON = 4;
    private static final int MAX_ENTRIES = 512;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifReader() {
    }

    public static Facts read(byte[] jpeg) {
        try {
            return findExif(jpeg).map(ExifReader::parseTiff).orElse(Facts.NONE);
        } catch (Malformed e) {
            return Facts.NONE;
        }
    }

    /** The TIFF structure inside the first APP1 Exif segment before the image data, if any. */
    private static Optional<Tiff> findExif(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xFF) == 0xFF) {
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // image data or end: no metadata after this
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            int length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > b.length) {
                break;
            }
            if (marker == 0xE1 && startsWith(b, start, end, EXIF_HEADER)) {
                return Optional.of(new Tiff(b, start + EXIF_HEADER.length, end));
            }
            pos = end;
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Facts parseTiff(Tiff tiff) {
        tiff.readByteOrder();
        int orientation = 1;
        long gpsIfd = -1;
        int ifd0 = tiff.offset(tiff.u32(4));
        int count = Math.min(tiff.u16(ifd0), MAX_ENTRIES);
        for (int i = 0; i < count; i++) {
            int entry = ifd0 + 2 + 12 * i;
            int tag = tiff.u16(entry);
            if (tag == TAG_ORIENTATION && tiff.u16(entry + 2) == 3) {
                int value = tiff.u16(entry + 8);
                orientation = value >= 1 && value <= 8 ? value : 1;
            } else if (tag == TAG_GPS_IFD) {
                gpsIfd = tiff.u32(entry + 8);
            }
        }
        Optional<ExifGps> gps = Optional.empty();
        if (gpsIfd > 0) {
            try {
                gps = gps(tiff, tiff.offset(gpsIfd));
            } catch (Malformed e) {
                // a broken GPS block does not cost the orientation
            }
        }
        return new Facts(orientation, gps);
    }

    private static Optional<ExifGps> gps(Tiff tiff, int ifd) {
        char latRef = 0;
        char lonRef = 0;
        double lat = Double.NaN;
        double lon = Double.NaN;
        int count = Math.min(tiff.u16(ifd), MAX_ENTRIES);
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            int tag = tiff.u16(entry);
            int type = tiff.u16(entry + 2);
            if ((tag == TAG_LAT_REF || tag == TAG_LON_REF) && type == 2) {
                char ref = (char) tiff.u8(entry + 8);
                if (tag == TAG_LAT_REF) {
                    latRef = ref;
                } else {
                    lonRef = ref;
                }
            } else if ((tag == TAG_LAT || tag == TAG_LON) && type == 5 && tiff.u32(entry + 4) == 3) {
                double degrees = degrees(tiff, tiff.offset(tiff.u32(entry + 8)));
                if (tag == TAG_LAT) {
                    lat = degrees;
                } else {
                    lon = degrees;
                }
            }
        }
        if ((latRef != 'N' && latRef != 'S') || (lonRef != 'E' && lonRef != 'W') || !(lat <= 90) || !(lon <= 180)) {
            return Optional.empty();
        }
        return Optional.of(new ExifGps(lonRef == 'W' ? -lon : lon, latRef == 'S' ? -lat : lat));
    }

    /** Three RATIONALs: degrees, minutes, seconds. */
    private static double degrees(Tiff tiff, int at) {
        double d = rational(tiff, at);
        double m = rational(tiff, at + 8);
        double s = rational(tiff, at + 16);
        return d + m / 60 + s / 3600;
    }

    private static double rational(Tiff tiff, int at) {
        long denominator = tiff.u32(at + 4);
        if (denominator == 0) {
            throw new Malformed();
        }
        return (double) tiff.u32(at) / denominator;
    }

    /** The TIFF block: offsets are relative to its start; reads past its end are {@link Malformed}. */
    private static final class Tiff {
        private final byte[] b;
        private final int start;
        private final int end;
        private boolean little;

        Tiff(byte[] b, int start, int end) {
            this.b = b;
            this.start = start;
            this.end = end;
        }

        void readByteOrder() {
            int first = u8(0);
            if (first != u8(1) || (first != 'I' && first != 'M')) {
                throw new Malformed();
            }
            little = first == 'I';
            if (u16(2) != 42) {
                throw new Malformed();
            }
        }

        int offset(long relative) {
            if (relative < 0 || relative >= end - start) {
                throw new Malformed();
            }
            return (int) relative;
        }

        int u8(int at) {
            if (at < 0 || start + at >= end) {
                throw new Malformed();
            }
            return b[start + at] & 0xFF;
        }

        int u16(int at) {
            return little ? u8(at) | (u8(at + 1) << 8) : (u8(at) << 8) | u8(at + 1);
        }

        long u32(int at) {
            long low = u16(little ? at : at + 2);
            long high = u16(little ? at + 2 : at);
            return (high << 16) | low;
        }
    }

    /** Input that is not the EXIF it claims to be. Cheap: no stack trace. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
