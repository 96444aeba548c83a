package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ImageSanitizerTest} again with JPEGs through Debian's libjpeg-turbo tools (djpeg, cjpeg: the package
 * {@code libjpeg-turbo-progs}, which {@code .ci/run} installs), and what only that path does: the scale chosen inside
 * the decoder, the same picture as ImageIO's.
 */
class NativeJpegTest extends ImageSanitizerTest {

    @Override
    ImageSanitizer sanitizer() {
        NativeJpeg tools = NativeJpeg.find().orElseThrow(() -> new AssertionError(
                "djpeg and cjpeg are needed for this test: apt-get install libjpeg-turbo-progs"));
        return new ImageSanitizer(40_000_000L, tools);
    }

    @Test
    void aPhonePhotoIsDecodedAtHalfItsSizeAndLooksAsImageIoDecodesIt() throws Exception {
        // a 4,000 × 3,000 photo stored sideways (orientation 6), with GPS
        byte[] upload = TestImages.withExif(TestImages.jpeg(TestImages.halves(4000, 3000)), 6, 113.9, 22.7);

        SanitizedImage clean = sanitizer.sanitize(upload);
        SanitizedImage byImageIo = new ImageSanitizer(40_000_000L).sanitize(upload);

        assertThat(clean.width()).isEqualTo(1500);
        assertThat(clean.height()).isEqualTo(2000);
        assertThat(TestImages.hasExif(clean.jpeg())).isFalse();
        assertThat(clean.gps()).isPresent();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(clean.jpeg()));
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(byImageIo.jpeg()));
        assertThat(shown.getWidth()).isEqualTo(expected.getWidth());
        assertThat(shown.getHeight()).isEqualTo(expected.getHeight());
        // turned clockwise: the stored left (red) on top, the right (blue) below, as ImageIO's path shows it
        assertThat(red(shown.getRGB(750, 300))).isGreaterThan(200);
        assertThat(blue(shown.getRGB(750, 1700))).isGreaterThan(200);
        long difference = 0;
        for (int y = 0; y < shown.getHeight(); y += 37) {
            for (int x = 0; x < shown.getWidth(); x += 37) {
                difference += Math.abs(red(shown.getRGB(x, y)) - red(expected.getRGB(x, y)))
                        + Math.abs(blue(shown.getRGB(x, y)) - blue(expected.getRGB(x, y)));
            }
        }
        long samples = (long) ((shown.getHeight() + 36) / 37) * ((shown.getWidth() + 36) / 37);
        assertThat((double) difference / samples).as("mean difference from ImageIO's picture").isLessThan(8);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(clean.thumb()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(ImageSanitizer.THUMB_EDGE);
    }

    @Test
    void theScaleKeepsTheLongerEdgeWithinTheStoredSizeWithTheFastFactors() {
        assertThat(NativeJpeg.eighths(2048, 2048)).isEqualTo(8);
        assertThat(NativeJpeg.eighths(2049, 2048)).isEqualTo(4);
        assertThat(NativeJpeg.eighths(4000, 2048)).isEqualTo(4);
        assertThat(NativeJpeg.eighths(4097, 2048)).isEqualTo(2);
        assertThat(NativeJpeg.eighths(6000, 2048)).isEqualTo(2);
        assertThat(NativeJpeg.eighths(40_000, 2048)).isEqualTo(1);
    }

    @Test
    void aGreyJpegStaysGrey() throws Exception {
        BufferedImage grey = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().fillRect(0, 0, 150, 200);

        SanitizedImage clean = sanitizer.sanitize(TestImages.jpeg(grey));

        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(clean.jpeg()));
        assertThat(shown.getWidth()).isEqualTo(300);
        assertThat(red(shown.getRGB(50, 100))).isGreaterThan(200);
        assertThat(red(shown.getRGB(250, 100))).isLessThan(50);
    }
}
