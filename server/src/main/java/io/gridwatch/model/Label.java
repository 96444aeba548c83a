package io.gridwatch.model;

import java.util.Objects;

/** A name in the two languages the pages speak: Chinese first, English second. Immutable. */
public record Label(String zh, String en) {

    public Label {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }
}
