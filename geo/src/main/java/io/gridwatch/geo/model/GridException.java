package io.gridwatch.geo.model;

/** A grid that cannot be used: the message names the feature and what is wrong with it. */
public class GridException extends RuntimeException {

    public GridException(String message) {
        super(message);
    }

    public GridException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about the feature at {@code index} (0-based, file order) with the given id. */
    public static GridException atFeature(int index, String id, String what) {
        String name = id == null ? "feature " + index : "feature " + index + " (id \"" + id + "\")";
        return new GridException(name + ": " + what);
    }
}
