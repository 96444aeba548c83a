package io.gridwatch.open311;

import io.gridwatch.error.ClientError;
import io.gridwatch.report.Category;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The filters of {@code GET requests.json}: {@code service_request_id} (comma-separated; when given, the others are
 * ignored, as the spec says), {@code service_code}, {@code start_date}, {@code end_date} (W3C date-times) and
 * {@code status} ({@code open}, {@code closed}). Immutable.
 *
 * @param ids null for any
 * @param codes null for any
 * @param statuses null for any
 */
public record RequestQuery(List<Long> ids, List<String> codes, Instant start, Instant end, List<String> statuses) {

    /** At most this many requests in one answer, newest first. */
    public static final int LIMIT = 1000;

    /** @throws ClientError 400 naming the parameter that cannot be read */
    public static RequestQuery parse(Function<String, String> param) {
        String ids = param.apply("service_request_id");
        if (ids != null && !ids.isBlank()) {
            List<Long> parsed = new ArrayList<>();
            for (String id : ids.split(",")) {
                try {
                    parsed.add(Long.parseLong(id.trim()));
                } catch (NumberFormatException e) {
                    parsed.add(-1L); // matches nothing, as an unknown id should
                }
            }
            return new RequestQuery(parsed, null, null, null, null);
        }
        List<String> codes = list(param.apply("service_code"));
        if (codes != null) {
            for (String code : codes) {
                if (Category.fromId(code).isEmpty()) {
                    throw ClientError.badRequest("service_code " + code + " is not a service here; see services.json");
                }
            }
        }
        List<String> statuses = list(param.apply("status"));
        if (statuses != null && !List.of("open", "closed").containsAll(statuses)) {
            throw ClientError.badRequest("status must be open, closed or both, comma-separated");
        }
        Instant start = time(param.apply("start_date"), "start_date");
        Instant end = time(param.apply("end_date"), "end_date");
        if (start != null && end != null && end.isBefore(start)) {
            throw ClientError.badRequest("end_date is before start_date");
        }
        return new RequestQuery(null, codes, start, end, statuses);
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return List.of(text.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Instant time(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest(name + " must be a W3C date-time with a time zone, such as "
                    + "2026-12-01T08:00:00+08:00");
        }
    }
}
