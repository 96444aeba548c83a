package io.gridwatch.geo.validate;

import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;

/** How close measured areas must come to the areas drawn in the fixtures. */
final class Tolerances {

    /**
     * The validator projects on the centre of the file, the fixtures on 113.9 E 22.75 N; over a
     * couple of kilometres the scales differ by well under 0.01 %.
     */
    static final Percentage AREA = Percentage.withPercentage(0.1);

    /** Degrees; about 1 cm. */
    static final Offset<Double> DEGREES = Offset.offset(1e-7);

    private Tolerances() {
    }
}
