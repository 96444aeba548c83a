package io.gridwatch.report;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The form fields of {@code POST /api/reports}, checked. Immutable.
 *
 * @param lon null when the form has no position (the photo's EXIF GPS is then used)
 * @param lat null together with {@code lon}
 * @param description trimmed, null when empty
 * @param keyHash SHA-256 (hex) of the {@code Idempotency-Key} header, or null
 * @param locatedBy where the page took lon/lat from: {@code geolocation} (the phone) or {@code map} (a tap);
 *     null for {@code form} (an API client's own position)
 * @param phone the resident's optional phone for the return visit, or null
 */
public record ReportRequest(Category category, String description, Double lon, Double lat, Crs crs,
        String keyHash, String locatedBy, String phone) {

    public static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_KEY = 200;
    private static final Set<String> LOCATED_BY = Set.of("geolocation", "map", "form");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{3,32}");

    /**
     * @param field a form field by name, null when absent
     * @throws ClientError 400 naming what is wrong
     */
    public static ReportRequest parse(Function<String, String> field, String idempotencyKey) {
        String categoryId = field.apply("category");
        if (categoryId == null || categoryId.isBlank()) {
            throw ClientError.badRequest("category is required; see GET /api/reports/categories");
        }
        Category category = Category.fromId(categoryId.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ClientError.badRequest("unknown category \"" + categoryId + "\"; see GET /api/reports/categories"));
        String description = field.apply("description");
        description = description == null || description.isBlank() ? null : description.trim();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ClientError.badRequest("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        Double lon = coordinate(field, "lon", 180);
        Double lat = coordinate(field, "lat", 90);
        if ((lon == null) != (lat == null)) {
            throw ClientError.badRequest("send lon and lat together, or neither (the photo's GPS position is used)");
        }
        String locatedBy = field.apply("located_by");
        if (locatedBy != null && !LOCATED_BY.contains(locatedBy)) {
            throw ClientError.badRequest("located_by must be geolocation, map or form");
        }
        if (locatedBy != null && lon == null) {
            throw ClientError.badRequest("located_by goes with lon and lat");
        }
        return new ReportRequest(category, description, lon, lat, crs(field.apply("crs")), keyHash(idempotencyKey),
                "form".equals(locatedBy) ? null : locatedBy, phone(field.apply("phone")));
    }

    /** An optional phone number: digits with the usual separators, nothing else. */
    public static String phone(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String phone = text.trim();
        if (!PHONE.matcher(phone).matches()) {
            throw ClientError.badRequest("phone must be a phone number (digits, spaces, +, -, parentheses)");
        }
        return phone;
    }

    private static Double coordinate(Function<String, String> field, String name, double limit) {
        String text = field.apply(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (Math.abs(value) <= limit) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest(name + " must be a number from -" + (int) limit + " to " + (int) limit);
    }

    static Crs crs(String text) {
        if (text == null || text.isBlank()) {
            return Crs.WGS84;
        }
        try {
            return Crs.parse(text);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("crs: " + e.getMessage());
        }
    }

    private static String keyHash(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw ClientError.badRequest("Idempotency-Key must be 1 to " + MAX_KEY + " characters");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    public boolean hasPosition() {
        return lon != null;
    }
}
