package io.gridwatch.geo.generate;

import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.io.GridGeoJson.Outline;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import io.gridwatch.geo.model.GridUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * Generates a synthetic five-level grid inside a real boundary: cells first, then sectors,
 * communities and subdistricts as connected groups of the level below, the district last.
 *
 * <p>Contract of the result, for any boundary that is one polygon:
 * <ul>
 * <li>exactly the requested number of units per level, each one {@link Polygon} (holes allowed);
 * <li>the cells cover the boundary (as snapped to the precision grid) without gap or overlap, and
 *     every parent is exactly the union of its children: neighbours share edges vertex for vertex;
 * <li>every coordinate lies on a grid of 1e-7 degrees ({@link #PRECISION}), so that it survives
 *     being written as decimal text unchanged;
 * <li>the same boundary, seed and counts always give the same grid, down to the bytes of its
 *     GeoJSON (the local projection uses {@link StrictMath}, so on every platform); the result is
 *     in the boundary's coordinate system.
 * </ul>
 *
 * <p>How: cell sites are drawn uniformly in the boundary and spread by Lloyd relaxation (in local
 * metres); the Voronoi edges and the boundary are noded together by snap rounding on the precision
 * grid and polygonized; each face goes to its nearest site, stray pieces to a neighbour, and each
 * site's faces are unioned into its cell. Stateless and thread-safe.
 */
public final class GridGenerator {

    /** Coordinates are multiples of 1e-7 degrees (about 1 cm). */
    public static final PrecisionModel PRECISION = new PrecisionModel(1e7);
    /**
     * Lloyd steps. Measured on Guangming, the spread of cell areas (coefficient of variation) falls
     * from 0.31 after two steps to 0.24 after four and 0.20 after six; four cost about 0.1 s more
     * than two, six about 0.3 s.
     */
    private static final int LLOYD_ITERATIONS = 4;
    /** The Voronoi diagram is clipped this far (metres) beyond the boundary's envelope. */
    private static final double CLIP_MARGIN_M = 2_000;

    private GridGenerator() {
    }

    /** A grid at Guangming's real counts ({@link GridCounts#GUANGMING}), silently. */
    public static Grid generate(Outline boundary, long seed) {
        return generate(boundary, seed, GridCounts.GUANGMING, message -> { });
    }

    /**
     * A grid with the given counts inside {@code boundary}.
     *
     * @param progress receives a short lowercase line per stage (for a command line to print)
     * @throws GridException when the boundary is not one polygon or the grid cannot be built
     *     exactly; the generator never returns a grid that breaks the contract above
     */
    public static Grid generate(Outline boundary, long seed, GridCounts counts, Consumer<String> progress) {
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        GeometryFactory factory = new GeometryFactory(PRECISION);
        Polygon area = onPrecisionGrid(boundary.geometry(), factory);
        LocalProjection projection = LocalProjection.centredOn(area.getEnvelopeInternal());
        SplittableRandom random = new SplittableRandom(seed);

        progress.accept("placing " + counts.cells() + " cell sites");
        Polygon areaMetres = (Polygon) projection.toMetres(area);
        Envelope clip = new Envelope(areaMetres.getEnvelopeInternal());
        clip.expandBy(CLIP_MARGIN_M);
        SiteSampler sampler = new SiteSampler(areaMetres);
        List<Coordinate> sites = sampler.sample(counts.cells(), random);
        for (int i = 0; i < LLOYD_ITERATIONS; i++) {
            sites = sampler.relax(sites, clip);
        }

        progress.accept("cutting the boundary into cells");
        Map<Coordinate, Geometry> voronoi = SiteSampler.voronoi(sites, clip, factory);
        List<Geometry> cutters = new ArrayList<>(sites.size());
        for (Coordinate site : sites) {
            cutters.add(voronoi.get(site)); // in site order, never map order
        }
        Geometry cuttersDegrees = projection.toDegrees(factory.buildGeometry(cutters));
        Faces faces = Faces.build(area, cuttersDegrees, PRECISION, projection);
        Layer cells = CellAssembler.assemble(faces, sites, projection);

        List<Layer> layers = new ArrayList<>(List.of(cells));
        List<int[]> parents = new ArrayList<>();
        groupUpwards(counts, layers, parents, projection, random, progress);
        Polygon district = Coverage.union(layers.get(0).polygons(), "the district");
        List<GridUnit> units = HierarchyNamer.units(district, layers, parents);
        progress.accept(String.format(Locale.ROOT, "generated %d units in %.1f s",
                units.size(), (System.nanoTime() - start) / 1e9));
        return Grid.of(boundary.crs(), units);
    }

    /**
     * Groups cells into sectors, sectors into communities, communities into subdistricts, putting
     * each new layer first in {@code layers} and each child-to-parent index array first in
     * {@code parents}.
     */
    private static void groupUpwards(GridCounts counts, List<Layer> layers, List<int[]> parents,
            LocalProjection projection, SplittableRandom random, Consumer<String> progress) {
        int[] targets = {counts.sectors(), counts.communities(), counts.subdistricts()};
        String[] what = {"sector", "community", "subdistrict"};
        String[] plural = {"cells", "sectors", "communities", "subdistricts"};
        for (int l = 0; l < targets.length; l++) {
            Layer below = layers.get(0);
            progress.accept("grouping " + below.size() + " " + plural[l] + " into " + targets[l] + " " + plural[l + 1]);
            int[] groupOf = RegionGrouper.group(below.graph(), targets[l], random);
            layers.add(0, below.merge(groupOf, targets[l], projection, what[l]));
            parents.add(0, groupOf);
        }
    }

    /** The boundary as one polygon with every vertex on the precision grid. */
    private static Polygon onPrecisionGrid(Geometry boundary, GeometryFactory factory) {
        Geometry single = boundary;
        if (boundary.getNumGeometries() == 1) {
            single = boundary.getGeometryN(0);
        }
        if (!(single instanceof Polygon) || single.isEmpty()) {
            throw new GridException("the boundary must be one polygon, found a "
                    + boundary.getGeometryType() + " with " + boundary.getNumGeometries() + " parts");
        }
        Geometry reduced = GeometryPrecisionReducer.reduce(single, PRECISION);
        if (!(reduced instanceof Polygon polygon) || !reduced.isValid() || reduced.isEmpty()) {
            throw new GridException("the boundary does not stay one valid polygon on a 1e-7 degree grid");
        }
        return (Polygon) factory.createGeometry(polygon);
    }
}
