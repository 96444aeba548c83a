package io.gridwatch.department;

import io.gridwatch.report.Category;
import io.gridwatch.model.AlertKind;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a department may take by default: an alert kind (a sensor's, {@code offline}, {@code battery}) or a report
 * category.
 */
final class Handles {

    private static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<String>();
        for (AlertKind kind : AlertKind.values()) {
            if (kind != AlertKind.REPORT) {
                known.add(kind.id());
            }
        }
        for (Category category : Category.values()) {
            known.add(category.id());
        }
        KNOWN = Set.copyOf(known);
    }

    private Handles() {
    }

    static boolean isKnown(String handle) {
        return KNOWN.contains(handle);
    }

    static String known() {
        return String.join(", ", new TreeSet<>(KNOWN));
    }
}
