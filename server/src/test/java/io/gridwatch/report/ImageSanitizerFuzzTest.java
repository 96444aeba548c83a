package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.error.ClientError;

/**
 * Coverage-guided fuzzing (Jazzer) of the image sanitiser: any upload is either re-encoded or refused with the
 * project's {@link ClientError} (415, 422, …), never another exception, and never an image above the size bound.
 * A few seconds in {@code mvn verify} from {@code ImageSanitizerFuzzTestInputs}; longer by hand (docs/operations.md).
 */
class ImageSanitizerFuzzTest {

    /** A megapixel: large enough for the seeds, small enough that a fuzzed header cannot exhaust the heap. */
    private static final ImageSanitizer SANITIZER = new ImageSanitizer(1_000_000);

    @FuzzTest(maxDuration = "5s")
    void anyUploadIsReencodedOrRefusedAsAClientError(byte[] upload) {
        try {
            SanitizedImage image = SANITIZER.sanitize(upload);
            assertThat(image).isNotNull();
        } catch (ClientError refused) {
            assertThat(refused.status()).isBetween(400, 499);
        }
    }
}
