package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExifReaderTest {

    @Test
    void southAndWestArePositionsBelowZero() {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.halves(8, 8)), 3, -70.25, -33.5);

        ExifReader.Facts facts = ExifReader.read(jpeg);

        assertThat(facts.orientation()).isEqualTo(3);
        assertThat(facts.gps()).hasValueSatisfying(gps -> {
            assertThat(gps.lon()).isCloseTo(-70.25, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(gps.lat()).isCloseTo(-33.5, org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void aJpegWithoutExifHasNoFacts() {
        assertThat(ExifReader.read(TestImages.jpeg(TestImages.halves(8, 8)))).isEqualTo(ExifReader.Facts.NONE);
    }

    @Test
    void damagedExifNeverThrows() {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(TestImages.halves(8, 8)), 6, 113.9, 22.7);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = Arrays.copyOf(jpeg, jpeg.length);
            // flip bytes inside the APP1 segment, and cut it short now and then
            for (int k = 0; k < 4; k++) {
                damaged[4 + random.nextInt(200)] = (byte) random.nextInt(256);
            }
            byte[] input = i % 5 == 0 ? Arrays.copyOf(damaged, 10 + random.nextInt(200)) : damaged;
            ExifReader.Facts facts = ExifReader.read(input);
            assertThat(facts.orientation()).isBetween(1, 8);
        }
    }
}
