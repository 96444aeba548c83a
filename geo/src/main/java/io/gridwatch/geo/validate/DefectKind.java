package io.gridwatch.geo.validate;

/**
 * What is wrong. Each kind has a short label, the first word of its line in the text report. Every
 * kind makes a grid unusable: each one leaves a spot with no unit, or with two, answering for it.
 */
public enum DefectKind {
    /** Two or more features share an id. */
    DUPLICATE_ID("duplicate"),
    /** A unit below the district has no parent. */
    MISSING_PARENT("parent"),
    /** A unit names a parent id that no feature has. */
    UNKNOWN_PARENT("parent"),
    /** A unit's parent is not one level up (a cell's parent must be a sector, and so on). */
    WRONG_PARENT_LEVEL("parent"),
    /** The district names a parent. */
    DISTRICT_WITH_PARENT("parent"),
    /** The file does not have exactly one district. */
    DISTRICT_COUNT("district"),
    /** A level has no units at all. */
    EMPTY_LEVEL("level"),
    /** A geometry is not a valid polygon (self-intersection, hole outside its shell, …). */
    INVALID_GEOMETRY("invalid"),
    /** Part of a unit lies outside its parent. */
    OUTSIDE_PARENT("outside"),
    /** Two siblings share area: a point there would have two units answering for it. */
    OVERLAP("overlap"),
    /**
     * Part of a parent is covered by none of its children: a spot nobody at the lower level answers
     * for, where a hazard could not reach a grid worker. An error, like an overlap.
     */
    GAP("gap"),
    /** A geometric check could not be computed (JTS failed); the grid cannot be vouched for. */
    CHECK_FAILED("failed");

    private final String label;

    DefectKind(String label) {
        this.label = label;
    }

    /** The short word that starts this kind's lines in the text report. */
    public String label() {
        return label;
    }

}
