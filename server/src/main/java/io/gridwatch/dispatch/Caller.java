package io.gridwatch.dispatch;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.people.Role;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A logged-in person as the alert rules of access see them: a person sees and acts on alerts of their unit and
 * everything below it; the district, rescue teams and admins see everything. Rescue teams only watch: they cannot
 * acknowledge or resolve, because an acknowledgement stops the grid's own escalation. Immutable.
 */
public record Caller(String username, Role role, String unit) {

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(unit, "unit");
    }

    /** From the claims of a verified log-in token ({@code sub}, {@code role}, {@code unit}); empty when they are not all there. */
    public static Optional<Caller> fromClaims(JsonObject claims) {
        String username = claims.getString("sub");
        Optional<Role> role = Role.fromId(claims.getString("role", ""));
        String unit = claims.getString("unit");
        if (username == null || role.isEmpty() || unit == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(username, role.get(), unit));
    }

    public boolean seesEverything() {
        return role.seesEverything();
    }

    /** Whether the alert is in the person's grid scope; department staff see cases through casework, not here. */
    public boolean sees(Alert alert) {
        return seesEverything() || (!role.isDepartment() && alert.path().asMap().containsValue(unit));
    }

    public boolean mayAct(Alert alert) {
        return role.actsOnAlerts() && sees(alert);
    }

    /**
     * The query narrowed to what this person sees; for {@code unitId}, the unit asked for, which must be the person's
     * own or below it.
     *
     * @return empty when the unit asked for is unknown or outside the person's scope
     */
    public Optional<AlertQuery> scope(AlertQuery query, Grid grid, String unitId) {
        if (role.isDepartment()) {
            return Optional.empty();
        }
        if (unitId == null) {
            return seesEverything() ? Optional.of(query) : grid.unit(unit).map(own -> query.within(own.level(), unit));
        }
        Optional<GridUnit> asked = grid.unit(unitId);
        if (asked.isEmpty() || !(seesEverything() || isWithin(grid, asked.get()))) {
            return Optional.empty();
        }
        return Optional.of(query.within(asked.get().level(), unitId));
    }

    private boolean isWithin(Grid grid, GridUnit asked) {
        Optional<GridUnit> at = Optional.of(asked);
        while (at.isPresent()) {
            if (at.get().id().equals(unit)) {
                return true;
            }
            at = Optional.ofNullable(at.get().parentId()).flatMap(grid::unit);
        }
        return false;
    }
}
