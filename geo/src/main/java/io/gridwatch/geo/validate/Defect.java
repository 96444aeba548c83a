package io.gridwatch.geo.validate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One thing wrong with a grid file. Immutable.
 *
 * @param kind what is wrong
 * @param ids the ids of the units involved, most specific first (for an overlap both siblings, for a
 *     part outside its parent the child then the parent); empty when no unit is to blame (a level
 *     with no units)
 * @param features the 0-based indexes, in file order, of the features the defect applies to (for a
 *     duplicate id every feature that uses it); empty when none
 * @param areaM2 the area concerned, in square metres, for overlaps, gaps and parts outside a parent
 * @param widthM for the same, how wide the widest part of that area is, in metres (the diameter of the
 *     largest circle that fits in it): a strip 1 cm wide along a kilometre of shared edge has 10 m² but is
 *     rounding, a 3 m square has 9 m² and is not
 * @param location a lon/lat position in or on the defect, in the file's coordinate system, when
 *     there is one to point at
 * @param sliver true when every part of the area is at most {@link ValidationOptions#sliverWidthM()} wide:
 *     rounding along shared edges, a warning that leaves the grid usable
 * @param message a sentence for people, naming the ids and, where they apply, the area, width and location
 */
public record Defect(DefectKind kind, List<String> ids, List<Integer> features, OptionalDouble areaM2,
        OptionalDouble widthM, Optional<LonLat> location, boolean sliver, String message) {

    public Defect {
        Objects.requireNonNull(kind, "kind");
        ids = List.copyOf(ids);
        features = List.copyOf(features);
        Objects.requireNonNull(areaM2, "areaM2");
        Objects.requireNonNull(widthM, "widthM");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** A defect without an area or a location. */
    static Defect of(DefectKind kind, List<String> ids, List<Integer> features, String message) {
        return new Defect(kind, ids, features, OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                false, message);
    }


    /** A position in degrees, x first as in GeoJSON. */
    public record LonLat(double lon, double lat) {

        /** {@code "lon lat"} with six decimals (about 0.1 m), the way the text report prints it. */
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.6f %.6f", lon, lat);
        }
    }
}
