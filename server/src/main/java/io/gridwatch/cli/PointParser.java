package io.gridwatch.cli;

/** Reads "lon lat" (spaces, tabs or one comma between) with range checks. */
final class PointParser {

    private PointParser() {
    }

    /** @return {lon, lat} */
    static double[] parse(String text) {
        String[] parts = text.trim().split("\\s*[,\\s]\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected \"lon lat\", got \"" + text.strip() + "\"");
        }
        double lon = number(parts[0], "lon");
        double lat = number(parts[1], "lat");
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
            throw new IllegalArgumentException("lon must be within ±180 and lat within ±90, got " + lon + " " + lat);
        }
        return new double[] {lon, lat};
    }

    private static double number(String text, String what) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new IllegalArgumentException(what + " is not a number: \"" + text + "\"");
    }
}
