package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.error.ClientError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSanitizerTest {

    private final ImageSanitizer sanitizer = new ImageSanitizer(40_000_000L);

    @Test
    void exifGpsIsReadAndNothingOfTheExifSurvivesTheReEncoding() throws Exception {
        byte[] upload = TestImages.withExif(TestImages.jpeg(TestImages.halves(64, 32)), 1, 113.9352, 22.7489);

        SanitizedImage clean = sanitizer.sanitize(upload);

        assertThat(clean.gps()).hasValueSatisfying(gps -> {
            assertThat(gps.lon()).isCloseTo(113.9352, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(gps.lat()).isCloseTo(22.7489, org.assertj.core.data.Offset.offset(1e-6));
        });
        assertThat(TestImages.hasExif(clean.jpeg())).isFalse();
        assertThat(TestImages.contains(clean.jpeg(), TestImages.SERIAL)).isFalse();
        assertThat(TestImages.contains(clean.jpeg(), TestImages.COMMENT)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(clean.thumb()))).isNotNull();
    }

    @Test
    void theExifOrientationIsAppliedSoThePictureStaysUpright() throws Exception {
        // stored sideways: "turn 90° clockwise to view" (orientation 6); red left, blue right as stored
        byte[] upload = TestImages.withExif(TestImages.jpeg(TestImages.halves(80, 40)), 6, 113.9, 22.7);

        SanitizedImage clean = sanitizer.sanitize(upload);
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(clean.jpeg()));

        // turned clockwise, the stored left (red) is on top and the picture is portrait
        assertThat(shown.getWidth()).isEqualTo(40);
        assertThat(shown.getHeight()).isEqualTo(80);
        assertThat(red(shown.getRGB(20, 10))).isGreaterThan(200);
        assertThat(blue(shown.getRGB(20, 70))).isGreaterThan(200);
    }

    @Test
    void aPngIsAcceptedAndStoredAsJpeg() {
        SanitizedImage clean = sanitizer.sanitize(TestImages.png(TestImages.halves(500, 300)));

        assertThat(ImageSanitizer.format(clean.jpeg())).isEqualTo("jpeg");
        assertThat(clean.width()).isEqualTo(500);
        assertThat(clean.thumbWidth()).isEqualTo(ImageSanitizer.THUMB_EDGE);
        assertThat(clean.gps()).isEmpty();
    }

    @Test
    void contentThatIsNotJpegOrPngIsRefusedWhateverItClaims() {
        for (String text : new String[] {"just some text named photo.jpg", "<html><script>alert(1)</script></html>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "GIF89a\u00ff\u00d8\u00ff<html>"}) {
            assertThatThrownBy(() -> sanitizer.sanitize(text.getBytes(StandardCharsets.ISO_8859_1)))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(415));
        }
    }

    @Test
    void aJpegHeaderFollowedByHtmlAndATruncatedJpegDoNotDecode() {
        byte[] jpeg = TestImages.jpeg(TestImages.halves(200, 200));
        byte[] headerAndHtml = TestImages.concat(Arrays.copyOf(jpeg, 20),
                "<html><body>hi</body></html>".getBytes(StandardCharsets.US_ASCII));
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);

        for (byte[] bad : new byte[][] {headerAndHtml, truncated}) {
            assertThatThrownBy(() -> sanitizer.sanitize(bad))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo("bad_image"));
        }
    }

    @Test
    void aHeaderClaimingSixtyThousandSquarePixelsIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> sanitizer.sanitize(TestImages.pngHeader(60_000, 60_000)))
                .isInstanceOfSatisfying(ClientError.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("too_many_pixels");
                });
    }

    @Test
    void everyOrientationGivesTheSameUprightPicture() {
        BufferedImage upright = TestImages.halves(6, 4);
        // the stored forms of an upright picture for each orientation, undone by upright()
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage stored = stored(upright, orientation);
            BufferedImage shown = ImageSanitizer.upright(stored, orientation);
            assertThat(shown.getWidth()).as("orientation %d", orientation).isEqualTo(6);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    assertThat(shown.getRGB(x, y)).as("orientation %d at %d,%d", orientation, x, y)
                            .isEqualTo(upright.getRGB(x, y));
                }
            }
        }
    }

    /** What a camera stores for {@code upright} under an orientation tag (the inverse of displaying). */
    private static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                // display maps stored (x, y) to upright (dx, dy)
                int[] d = switch (orientation) {
                    case 2 -> new int[] {w - 1 - x, y};
                    case 3 -> new int[] {w - 1 - x, h - 1 - y};
                    case 4 -> new int[] {x, h - 1 - y};
                    case 5 -> new int[] {y, x};
                    case 6 -> new int[] {w - 1 - y, x};
                    case 7 -> new int[] {w - 1 - y, h - 1 - x};
                    case 8 -> new int[] {y, h - 1 - x};
                    default -> new int[] {x, y};
                };
                out.setRGB(x, y, upright.getRGB(d[0], d[1]));
            }
        }
        return out;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
