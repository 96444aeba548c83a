package io.gridwatch.geo.locate;

import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.model.GridUnit;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The exact point → cell answer: an STRtree over the cells' envelopes and an
 * {@link IndexedPointInAreaLocator} per cell in the grid's own lon/lat; for points in no cell, an
 * {@link IndexedFacetDistance} over every cell edge in local metres (the distance to the nearest
 * edge is the distance to the nearest cell) and an STRtree of the cells in metres to name it.
 * Everything is built in the constructor and only read afterwards, so querying is thread-safe.
 */
final class ExactLocator {

    /** Cells whose distance differs by less than this are a tie, broken by id. */
    private static final double TIE_M = 1e-9;

    private final List<GridUnit> cells;
    private final IndexedPointInAreaLocator[] locators;
    private final STRtree byEnvelope = new STRtree();
    private final STRtree byMetres = new STRtree();
    private final IndexedFacetDistance edges;
    private final Geometry[] metres;
    private final LocalProjection projection;
    private final GeometryFactory factory = new GeometryFactory();
    private final double toleranceM;

    ExactLocator(List<GridUnit> cells, LocalProjection projection, double toleranceM) {
        this.cells = cells;
        this.projection = projection;
        this.toleranceM = toleranceM;
        this.locators = new IndexedPointInAreaLocator[cells.size()];
        this.metres = new Geometry[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            Geometry geometry = cells.get(i).geometry();
            locators[i] = new IndexedPointInAreaLocator(geometry);
            // build the lazy index now, on this thread, so that readers never race to build it
            locators[i].locate(geometry.getCoordinate());
            byEnvelope.insert(geometry.getEnvelopeInternal(), i);
            metres[i] = projection.toMetres(geometry);
            metres[i].setUserData(i);
            byMetres.insert(metres[i].getEnvelopeInternal(), metres[i]);
        }
        byEnvelope.build();
        byMetres.build();
        edges = new IndexedFacetDistance(factory.buildGeometry(List.of(metres)));
    }

    /** A result for the cell at {@code index}; {@code index < 0} is "outside", carrying the distance. */
    record Hit(int index, Match match, double distanceM) {
    }

    Hit locate(double lon, double lat) {
        Coordinate p = new Coordinate(lon, lat);
        int onBoundary = -1;
        for (Object item : byEnvelope.query(new Envelope(p))) {
            int i = (Integer) item;
            int where = locators[i].locate(p);
            if (where == Location.INTERIOR) {
                return new Hit(i, Match.INSIDE, 0);
            }
            if (where == Location.BOUNDARY && (onBoundary < 0 || idOf(i).compareTo(idOf(onBoundary)) < 0)) {
                onBoundary = i;
            }
        }
        if (onBoundary >= 0) {
            return new Hit(onBoundary, Match.BOUNDARY, 0);
        }
        return nearest(lon, lat);
    }

    private Hit nearest(double lon, double lat) {
        if (cells.isEmpty()) {
            return new Hit(-1, Match.OUTSIDE, Double.POSITIVE_INFINITY);
        }
        Point point = factory.createPoint(projection.toMetres(lon, lat));
        double distance = edges.distance(point);
        if (distance > toleranceM) {
            return new Hit(-1, Match.OUTSIDE, distance);
        }
        Envelope around = new Envelope(point.getCoordinate());
        around.expandBy(distance + TIE_M);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Object item : byMetres.query(around)) {
            Geometry candidate = (Geometry) item;
            int i = (Integer) candidate.getUserData();
            double d = candidate.distance(point);
            boolean closer = d < bestDistance - TIE_M;
            boolean tie = Math.abs(d - bestDistance) <= TIE_M && idOf(i).compareTo(idOf(best)) < 0;
            if (closer || tie) {
                best = i;
                bestDistance = Math.min(d, bestDistance);
            }
        }
        return new Hit(best, Match.NEAREST, distance);
    }

    private String idOf(int index) {
        return cells.get(index).id();
    }
}
