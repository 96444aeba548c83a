package io.gridwatch.geo.validate;

import io.gridwatch.geo.model.Level;
import java.util.List;
import java.util.Locale;

/** The wording shared by every check, so that all report lines read alike. Stateless. */
final class Words {

    private Words() {
    }

    /** {@code "cell"}, {@code "cells"}, {@code "communities"}: the level id as a noun for {@code n} units. */
    static String units(Level level, long n) {
        String id = level.id();
        if (n == 1) {
            return id;
        }
        return id.endsWith("y") ? id.substring(0, id.length() - 1) + "ies" : id + "s";
    }

    /** {@code "1,734 cells"}. */
    static String count(Level level, long n) {
        return String.format(Locale.ROOT, "%,d %s", n, units(level, n));
    }

    /** {@code "52.3 m²"}, with thousands separators so that large gaps read at a glance. */
    static String area(double m2) {
        return String.format(Locale.ROOT, "%,.1f m²", m2);
    }

    /** {@code "1.2 cm"} below a metre, {@code "3.4 m"} above. */
    static String width(double m) {
        return m < 1 ? String.format(Locale.ROOT, "%.1f cm", m * 100) : String.format(Locale.ROOT, "%,.1f m", m);
    }

    /** {@code "3"}, {@code "3 and 17"}, {@code "3, 17 and 20"}. */
    static String list(List<?> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : String.valueOf(items.get(0));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < items.size() - 1; i++) {
            s.append(i == 0 ? "" : ", ").append(items.get(i));
        }
        return s.append(" and ").append(items.get(items.size() - 1)).toString();
    }

    /** {@code "1 defect"}, {@code "2 units"}. */
    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
