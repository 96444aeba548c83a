package io.gridwatch.geo.validate;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * A five-level grid made the way a GIS makes one, not by this project's generator: Voronoi cells of seeded random
 * sites (JTS's {@link VoronoiDiagramBuilder}, like PostGIS's {@code ST_VoronoiPolygons}) clipped to the real
 * Guangming boundary one by one, each level above the union of the units below grouped by the nearest site of a
 * seeded subset of their sites, and then every coordinate rounded to 7 decimals on its own (like
 * {@code ST_SnapToGrid}). Rounding leaves centimetre slivers wherever two units' edges were computed apart. At
 * Guangming's counts: 6 / 37 / 272 / 1,734. Ids {@code d}, {@code sd-N}, {@code c-N}, {@code s-N}, {@code w-N}.
 */
final class VoronoiGrid {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** Subdistricts, communities, sectors, cells. */
    private static final int[] COUNTS = {6, 37, 272, 1734};
    private static final Level[] LEVELS = {Level.SUBDISTRICT, Level.COMMUNITY, Level.SECTOR, Level.CELL};
    private static final String[] PREFIXES = {"sd-", "c-", "s-", "w-"};

    private VoronoiGrid() {
    }

    /** The grid with its coordinates rounded to 7 decimals, as a GIS would write it. */
    static GridFile rounded(long seed) {
        List<GridUnit> rounded = new ArrayList<>();
        for (GridUnit unit : build(seed)) {
            rounded.add(new GridUnit(unit.id(), unit.level(), unit.parentId(), unit.name(), round(unit.geometry())));
        }
        return new GridFile(Crs.WGS84, rounded);
    }

    static Geometry boundary() {
        try {
            Path file = Path.of(VoronoiGrid.class.getResource(
                    "/io/gridwatch/geo/boundaries/guangming-district.wgs84.geojson").toURI());
            return GridGeoJson.readOutline(file).geometry();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<GridUnit> build(long seed) {
        Geometry boundary = boundary();
        Random random = new Random(seed);
        List<List<Coordinate>> sites = new ArrayList<>(Collections.nCopies(4, null));
        sites.set(3, sitesInside(boundary, COUNTS[3], random));
        for (int level = 2; level >= 0; level--) {
            List<Coordinate> below = new ArrayList<>(sites.get(level + 1));
            Collections.shuffle(below, random);
            sites.set(level, new ArrayList<>(below.subList(0, COUNTS[level])));
        }
        List<Map<Coordinate, Geometry>> geometry = new ArrayList<>(Collections.nCopies(4, null));
        geometry.set(3, cells(sites.get(3), boundary));
        List<Map<Coordinate, Coordinate>> parentSite = new ArrayList<>(Collections.nCopies(4, null));
        for (int level = 2; level >= 0; level--) {
            Map<Coordinate, Coordinate> parents = nearest(sites.get(level + 1), sites.get(level));
            Map<Coordinate, Geometry> below = geometry.get(level + 1);
            Map<Coordinate, List<Geometry>> parts = new HashMap<>();
            parents.forEach((child, parent) -> parts.computeIfAbsent(parent, k -> new ArrayList<>())
                    .add(below.get(child)));
            Map<Coordinate, Geometry> unions = new HashMap<>();
            parts.forEach((parent, children) -> unions.put(parent, OverlayNGRobust.union(children)));
            geometry.set(level, unions);
            parentSite.set(level + 1, parents);
        }
        List<GridUnit> units = new ArrayList<>();
        units.add(new GridUnit("d", Level.DISTRICT, null, "district", boundary));
        for (int level = 0; level < 4; level++) {
            List<Coordinate> levelSites = sites.get(level);
            for (int i = 0; i < levelSites.size(); i++) {
                Coordinate site = levelSites.get(i);
                String parent = level == 0 ? "d"
                        : PREFIXES[level - 1] + sites.get(level - 1).indexOf(parentSite.get(level).get(site));
                units.add(new GridUnit(PREFIXES[level] + i, LEVELS[level], parent, PREFIXES[level] + i,
                        geometry.get(level).get(site)));
            }
        }
        return units;
    }

    private static List<Coordinate> sitesInside(Geometry boundary, int count, Random random) {
        PreparedGeometry inside = PreparedGeometryFactory.prepare(boundary);
        Envelope box = boundary.getEnvelopeInternal();
        List<Coordinate> sites = new ArrayList<>(count);
        while (sites.size() < count) {
            Coordinate c = new Coordinate(box.getMinX() + random.nextDouble() * box.getWidth(),
                    box.getMinY() + random.nextDouble() * box.getHeight());
            if (inside.contains(FACTORY.createPoint(c))) {
                sites.add(c);
            }
        }
        return sites;
    }

    /** Each site's Voronoi cell, clipped to the boundary on its own. */
    private static Map<Coordinate, Geometry> cells(List<Coordinate> sites, Geometry boundary) {
        VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
        voronoi.setSites(sites);
        Envelope clip = new Envelope(boundary.getEnvelopeInternal());
        clip.expandBy(0.05);
        voronoi.setClipEnvelope(clip);
        Geometry diagram = voronoi.getDiagram(FACTORY);
        Map<Coordinate, Geometry> cells = new HashMap<>();
        for (int n = 0; n < diagram.getNumGeometries(); n++) {
            Geometry polygon = diagram.getGeometryN(n);
            cells.put((Coordinate) polygon.getUserData(), OverlayNGRobust.overlay(polygon, boundary, OverlayNG.INTERSECTION));
        }
        return cells;
    }

    /** For every child site, the nearest parent site (itself, when it is one). */
    private static Map<Coordinate, Coordinate> nearest(List<Coordinate> children, List<Coordinate> parents) {
        Map<Coordinate, Coordinate> nearest = new HashMap<>();
        for (Coordinate child : children) {
            Coordinate best = null;
            for (Coordinate parent : parents) {
                if (best == null || child.distance(parent) < child.distance(best)) {
                    best = parent;
                }
            }
            nearest.put(child, best);
        }
        return nearest;
    }

    /** Every coordinate rounded to 7 decimals on its own, whatever that does to the topology. */
    static Geometry round(Geometry geometry) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, Math.round(seq.getX(i) * 1e7) / 1e7);
                seq.setOrdinate(i, 1, Math.round(seq.getY(i) * 1e7) / 1e7);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
