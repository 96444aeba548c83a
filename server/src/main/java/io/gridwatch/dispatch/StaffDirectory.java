package io.gridwatch.dispatch;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.people.Posting;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on the roster for each grid unit, kept in memory for routing (is anyone answering for this unit?) and for
 * the recipients of alert events (everyone whose unit is on an alert's path). Reloaded from the database after every
 * roster change on this node and periodically, so that changes made through another node arrive too.
 *
 * <p>Thread-safe: a reload swaps one immutable snapshot.
 */
public final class StaffDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(StaffDirectory.class);

    private final PeopleStore people;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of());

    public StaffDirectory(PeopleStore people) {
        this.people = people;
    }

    /** Reads the roster again; on failure the previous snapshot stays. */
    public Future<Void> reload() {
        return people.postings().onSuccess(postings -> snapshot = Snapshot.of(postings))
                .onFailure(e -> LOG.warn("cannot reload the roster, routing keeps the previous one: {}", e.toString()))
                .mapEmpty();
    }

    /** Whether someone answers for alerts routed to this unit (rescue teams and admins watch; they do not count). */
    public boolean staffed(String unitId) {
        return snapshot.answering.contains(unitId);
    }

    /** Everyone whose unit is on the path, rescue teams and admins included (their unit is the district). */
    public Set<String> onPath(GridPath path) {
        Set<String> usernames = new LinkedHashSet<>();
        Snapshot now = snapshot;
        for (Level level : Level.values()) {
            usernames.addAll(now.byUnit.getOrDefault(path.at(level), List.of()));
        }
        return usernames;
    }

    /** Everyone whose unit is on the path at {@code lowest} or above it. */
    public Set<String> onPathFrom(GridPath path, Level lowest) {
        Set<String> usernames = new LinkedHashSet<>();
        Snapshot now = snapshot;
        for (Level level : Level.values()) {
            if (level.compareTo(lowest) <= 0) {
                usernames.addAll(now.byUnit.getOrDefault(path.at(level), List.of()));
            }
        }
        return usernames;
    }

    /** Everyone whose unit is this one (a grid unit, or a department for department staff). */
    public List<String> inUnit(String unit) {
        return snapshot.byUnit.getOrDefault(unit, List.of());
    }

    /** One roster as read, indexed. */
    private record Snapshot(Map<String, List<String>> byUnit, Set<String> answering) {

        static Snapshot of(List<Posting> postings) {
            Map<String, List<String>> byUnit = new HashMap<>();
            Set<String> answering = new HashSet<>();
            for (Posting posting : postings) {
                byUnit.computeIfAbsent(posting.unit(), unit -> new ArrayList<>()).add(posting.username());
                if (posting.answersForAlerts()) {
                    answering.add(posting.unit());
                }
            }
            byUnit.replaceAll((unit, names) -> List.copyOf(names));
            return new Snapshot(Map.copyOf(byUnit), Set.copyOf(answering));
        }
    }
}
