package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the EXIF reader, which parses whatever a resident uploads: it never throws, it
 * answers "no facts" for anything it cannot read. In {@code mvn verify} it runs a few seconds from the seeds in
 * {@code ExifReaderFuzzTestInputs} (a crash found becomes one of them); longer by hand, see docs/operations.md.
 */
class ExifReaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyBytesGiveFactsAndNeverAnException(byte[] upload) {
        ExifReader.Facts facts = ExifReader.read(upload);
        assertThat(facts.orientation()).isBetween(1, 8);
    }
}
