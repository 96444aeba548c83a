package io.gridwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.error.ClientError;
import java.util.HashMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of the report request parser (the form fields of {@code POST /api/reports}):
 * any fields give a request within its bounds or a 400 {@link ClientError}, never another exception. A few seconds
 * in {@code mvn verify} from {@code ReportRequestFuzzTestInputs}; longer by hand (docs/operations.md).
 */
class ReportRequestFuzzTest {

    private static final String[] FIELDS = {"category", "description", "lon", "lat", "crs"};

    @FuzzTest(maxDuration = "5s")
    void anyFormFieldsGiveARequestOrA400(FuzzedDataProvider data) {
        Map<String, String> form = new HashMap<>();
        for (String field : FIELDS) {
            if (data.consumeBoolean()) {
                form.put(field, data.consumeString(1200));
            }
        }
        String key = data.consumeBoolean() ? data.consumeRemainingAsString() : null;
        try {
            ReportRequest request = ReportRequest.parse(form::get, key);
            assertThat(request.category()).isNotNull();
            if (request.description() != null) {
                assertThat(request.description()).hasSizeLessThanOrEqualTo(ReportRequest.MAX_DESCRIPTION);
            }
            if (request.hasPosition()) {
                assertThat(Math.abs(request.lon())).isLessThanOrEqualTo(180);
                assertThat(Math.abs(request.lat())).isLessThanOrEqualTo(90);
            }
        } catch (ClientError refused) {
            assertThat(refused.status()).isEqualTo(400);
        }
    }
}
