package io.gridwatch.people;

import io.gridwatch.geo.model.Level;
import java.util.Optional;

/** What a person does, and the grid level their unit must be at. */
public enum Role {
    CELL_WORKER("cell_worker", Level.CELL),
    SECTOR_LEADER("sector_leader", Level.SECTOR),
    COMMUNITY("community", Level.COMMUNITY),
    SUBDISTRICT("subdistrict", Level.SUBDISTRICT),
    DISTRICT("district", Level.DISTRICT),
    RESCUE("rescue", Level.DISTRICT),
    ADMIN("admin", Level.DISTRICT);

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
        return this != RESCUE && this != ADMIN;
    }

    /** Whether people with this role may acknowledge and resolve alerts in their scope (rescue teams only watch). */
    public boolean actsOnAlerts() {
        return this != RESCUE;
    }

    /** The level of the unit a person with this role answers for. */
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
