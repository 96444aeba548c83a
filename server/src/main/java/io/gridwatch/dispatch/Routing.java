package io.gridwatch.dispatch;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * To which level of its path an alert is addressed: the lowest level whose unit has someone on the roster, so that
 * an alert in a cell without a grid worker goes straight to its sector leader (or higher). The district is the last
 * resort and always counts as answering, because its command centre is on duty day and night; so no alert is ever
 * addressed to nobody. Pure and thread-safe when the predicate is.
 */
public final class Routing {

    private final Predicate<String> staffed;

    /** @param staffed whether someone answers for the unit with this id */
    public Routing(Predicate<String> staffed) {
        this.staffed = staffed;
    }

    /** Where a new alert on this path starts. */
    public Level start(GridPath path) {
        return firstStaffed(path, Level.CELL);
    }

    /** Where an alert at {@code current} climbs when nobody acknowledged it in time; empty at the district. */
    public Optional<Level> next(GridPath path, Level current) {
        return current.parent().map(above -> firstStaffed(path, above));
    }

    /** Whether {@code level} is the top: nothing is above it to escalate to. */
    public static boolean isTop(Level level) {
        return level.parent().isEmpty();
    }

    private Level firstStaffed(GridPath path, Level from) {
        Level level = from;
        while (level.parent().isPresent() && !staffed.test(path.at(level))) {
            level = level.parent().get();
        }
        return level;
    }
}
