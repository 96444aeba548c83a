package io.gridwatch.people;

import io.gridwatch.geo.model.Level;
import java.util.Optional;

/** What a person does, and the grid level their unit must be at (none for department staff). */
public enum Role {
    CELL_WORKER("cell_worker", Level.CELL),
    SECTOR_LEADER("sector_leader", Level.SECTOR),
    COMMUNITY("community", Level.COMMUNITY),
    SUBDISTRICT("subdistrict", Level.SUBDISTRICT),
    DISTRICT("district", Level.DISTRICT),
    RESCUE("rescue", Level.DISTRICT),
    ADMIN("admin", Level.DISTRICT),
    /** Staff of a department (fire brigade, water affairs, …): their unit is a department id, not a grid unit. */
    DEPARTMENT("department", null);

    private final String id;
    private final Level unitLevel;

    Role(String id, Level unitLevel) {
        this.id = id;
        this.unitLevel = unitLevel;
    }

    public String id() {
        return id;
    }

    /** Whether a person with this role sees every unit's devices and alerts (district, rescue teams, admins). */
    public boolean seesEverything() {
        return this == DISTRICT || this == RESCUE || this == ADMIN;
    }

    /** Whether alerts are routed to people with this role (rescue teams and admins watch; they are not routed to). */
    public boolean answersForAlerts() {
        return this != RESCUE && this != ADMIN && this != DEPARTMENT;
    }

    /**
     * Whether people with this role may acknowledge, resolve, dispatch and verify alerts in their scope (rescue teams
     * only watch; departments act on the cases dispatched to them, see {@link #isDepartment()}).
     */
    public boolean actsOnAlerts() {
        return this != RESCUE && this != DEPARTMENT;
    }

    /** Whether the person's unit is a department id rather than a grid unit. */
    public boolean isDepartment() {
        return this == DEPARTMENT;
    }

    /** The level of the unit a person with this role answers for; null for department staff. */
    public Level unitLevel() {
        return unitLevel;
    }

    /** Every role's id, comma-separated, for error messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Role::id).toList());
    }

    public static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id.equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
