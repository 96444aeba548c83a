package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.GridException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Places cell sites inside an area (in local metres): uniform random points, then Lloyd
 * relaxation, which moves each site to the centroid of its Voronoi cell clipped to the area and so
 * turns the random scatter into cells of similar size and roundish shape. Every site stays strictly
 * inside the area, so every site's Voronoi cell meets it. Not thread-safe (holds the area's index);
 * use one instance per generation.
 */
final class SiteSampler {

    /** Give up after this many misses per wanted site: the area is then mostly empty envelope. */
    private static final int MAX_TRIES_PER_SITE = 10_000;

    private final Polygon area;
    private final IndexedPointInAreaLocator locator;
    private final PreparedGeometry prepared;
    private final GeometryFactory factory;

    SiteSampler(Polygon areaMetres) {
        this.area = areaMetres;
        this.locator = new IndexedPointInAreaLocator(areaMetres);
        this.prepared = PreparedGeometryFactory.prepare(areaMetres);
        this.factory = areaMetres.getFactory();
    }

    /** {@code count} distinct points drawn uniformly from the interior of the area. */
    List<Coordinate> sample(int count, SplittableRandom random) {
        Envelope env = area.getEnvelopeInternal();
        List<Coordinate> sites = new ArrayList<>(count);
        Set<Coordinate> seen = new HashSet<>();
        long tries = 0;
        while (sites.size() < count) {
            if (++tries > (long) MAX_TRIES_PER_SITE * count) {
                throw new GridException("cannot place " + count
                        + " sites: the boundary covers almost none of its envelope");
            }
            Coordinate c = new Coordinate(env.getMinX() + random.nextDouble() * env.getWidth(),
                    env.getMinY() + random.nextDouble() * env.getHeight());
            // a repeated site would share its Voronoi cell with its twin and end up without a cell
            if (locator.locate(c) == Location.INTERIOR && seen.add(c)) {
                sites.add(c);
            }
        }
        return sites;
    }

    /**
     * One Lloyd step: each site moves to the centroid of its Voronoi cell within the area, or, where
     * that centroid falls outside a concave piece, to a point inside that piece.
     *
     * @return the moved sites, in the same order
     */
    List<Coordinate> relax(List<Coordinate> sites, Envelope clip) {
        Map<Coordinate, Geometry> cells = voronoi(sites, clip, factory);
        List<Coordinate> moved = new ArrayList<>(sites.size());
        for (Coordinate site : sites) {
            Geometry cell = cells.get(site);
            moved.add(cell == null ? site : relaxedSite(site, cell));
        }
        return moved;
    }

    private Coordinate relaxedSite(Coordinate site, Geometry cell) {
        // most cells lie wholly inside: skip the overlay for them
        Geometry piece = prepared.containsProperly(cell) ? cell : cell.intersection(area);
        if (piece.isEmpty() || piece.getArea() == 0) {
            return site;
        }
        Coordinate centroid = piece.getCentroid().getCoordinate();
        if (locator.locate(centroid) == Location.INTERIOR) {
            return centroid;
        }
        Coordinate inside = piece.getInteriorPoint().getCoordinate();
        return locator.locate(inside) == Location.INTERIOR ? inside : site;
    }

    /**
     * The Voronoi cells of {@code sites} clipped to {@code clip}, keyed by site. Lookups go by
     * coordinate value, never by iteration order, so the map's hashing cannot leak into results.
     */
    static Map<Coordinate, Geometry> voronoi(List<Coordinate> sites, Envelope clip, GeometryFactory factory) {
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        builder.setClipEnvelope(clip);
        Geometry diagram = builder.getDiagram(factory);
        Map<Coordinate, Geometry> cells = new HashMap<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Geometry cell = diagram.getGeometryN(i);
            cells.put(new Coordinate((Coordinate) cell.getUserData()), cell);
        }
        return cells;
    }
}
