package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.Level;

/**
 * How many units the generator makes at each level below the district (there is always one
 * district). Each level needs at least one unit and at least as many as the level above, so that
 * every parent has a child. Immutable.
 *
 * @param subdistricts number of subdistricts (街道)
 * @param communities number of communities (社区)
 * @param sectors number of sectors (小分格)
 * @param cells number of cells (综合网格)
 */
public record GridCounts(int subdistricts, int communities, int sectors, int cells) {

    /** Guangming District's real counts: 6 subdistricts, 37 communities, 272 sectors, 1,734 cells. */
    public static final GridCounts GUANGMING = new GridCounts(6, 37, 272, 1734);

    /** @throws IllegalArgumentException when a level has no unit or fewer units than the level above */
    public GridCounts {
        if (subdistricts < 1) {
            throw new IllegalArgumentException("a grid needs at least one subdistrict, got " + subdistricts);
        }
        requireAtLeast("communities", communities, "subdistricts", subdistricts);
        requireAtLeast("sectors", sectors, "communities", communities);
        requireAtLeast("cells", cells, "sectors", sectors);
    }

    private static void requireAtLeast(String what, int count, String above, int aboveCount) {
        if (count < aboveCount) {
            throw new IllegalArgumentException("cannot give " + aboveCount + " " + above + " a child each with "
                    + count + " " + what);
        }
    }

    /** The number of units at {@code level}; 1 for the district. */
    public int at(Level level) {
        return switch (level) {
            case DISTRICT -> 1;
            case SUBDISTRICT -> subdistricts;
            case COMMUNITY -> communities;
            case SECTOR -> sectors;
            case CELL -> cells;
        };
    }
}
