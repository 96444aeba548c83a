package io.gridwatch.geo.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of a cell and of every unit above it: the chain of people who answer for a spot.
 */
public record GridPath(String district, String subdistrict, String community, String sector, String cell) {

    /** The id of the unit at {@code level} on this path. */
    public String at(Level level) {
        return switch (level) {
            case DISTRICT -> district;
            case SUBDISTRICT -> subdistrict;
            case COMMUNITY -> community;
            case SECTOR -> sector;
            case CELL -> cell;
        };
    }

    /** Level id → unit id, from the district down, as in the JSON contracts. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Level level : Level.values()) {
            map.put(level.id(), at(level));
        }
        return map;
    }
}
