package io.gridwatch.geo.model;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One unit of the grid (the district, a subdistrict, … a cell) as it stands in a grid file.
 *
 * <p>The geometry is a {@link org.locationtech.jts.geom.Polygon} or
 * {@link org.locationtech.jts.geom.MultiPolygon} in the grid's coordinate system. JTS geometries
 * are mutable objects; a unit shares its geometry, and nobody may change it.
 *
 * @param id unique id of the unit
 * @param level its level
 * @param parentId id of the unit one level up, {@code null} for the district
 * @param name human-readable name, may be empty
 * @param geometry its area
 */
public record GridUnit(String id, Level level, String parentId, String name, Geometry geometry) {

    public GridUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(geometry, "geometry");
        name = name == null ? "" : name;
    }
}
