package io.gridwatch.geo.validate;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * A district-sized grid for timing the validator: a lattice of jittered eight-vertex cells clipped
 * to a real district outline, grouped in blocks into sectors, communities and subdistricts, each
 * parent the union of its children. Edge-matched like a real grid, with the rounding that clipping
 * leaves along the district boundary.
 */
final class LatticeGrid {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private LatticeGrid() {
    }

    /**
     * @param district the outline, lon/lat
     * @param cellSizeM lattice step in metres
     * @param seed for the jitter
     */
    static GridFile clippedTo(Geometry district, double cellSizeM, long seed) {
        LocalProjection projection = LocalProjection.centredOn(district.getEnvelopeInternal());
        Geometry metres = projection.toMetres(district);
        // one step of margin all round, so that jittered corners never pull the lattice inside the outline
        double x0 = metres.getEnvelopeInternal().getMinX() - cellSizeM;
        double y0 = metres.getEnvelopeInternal().getMinY() - cellSizeM;
        int nx = (int) Math.ceil(metres.getEnvelopeInternal().getWidth() / cellSizeM) + 2;
        int ny = (int) Math.ceil(metres.getEnvelopeInternal().getHeight() / cellSizeM) + 2;
        Jitter jitter = new Jitter(nx, ny, cellSizeM, new Random(seed));
        // sector blocks of 3 x 2 cells, communities of 3 x 3 sectors, subdistricts of 3 x 2 communities
        Map<String, List<GridUnit>> cellsBySector = new LinkedHashMap<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                Geometry cell = projection.toDegrees(jitter.cell(i, j, x0, y0));
                Geometry clipped = OverlayNGRobust.overlay(cell, district, OverlayNG.INTERSECTION);
                if (clipped.getArea() == 0) {
                    continue;
                }
                String sector = "s" + (i / 3) + "-" + (j / 2);
                String id = sector + "-c" + i + "-" + j;
                cellsBySector.computeIfAbsent(sector, k -> new ArrayList<>())
                        .add(new GridUnit(id, Level.CELL, sector, id, polygonal(clipped)));
            }
        }
        List<GridUnit> units = new ArrayList<>();
        units.add(new GridUnit("D", Level.DISTRICT, null, "district", district));
        Map<String, List<GridUnit>> sectors = group(cellsBySector, Level.SECTOR, id -> community(id));
        Map<String, List<GridUnit>> communities = group(sectors, Level.COMMUNITY, id -> subdistrict(id));
        Map<String, List<GridUnit>> subdistricts = group(communities, Level.SUBDISTRICT, id -> "D");
        subdistricts.values().forEach(units::addAll);
        communities.values().forEach(units::addAll);
        sectors.values().forEach(units::addAll);
        cellsBySector.values().forEach(units::addAll);
        return new GridFile(Crs.WGS84, units);
    }

    /** Parents, each the union of its children, grouped by their own parent's id. */
    private static Map<String, List<GridUnit>> group(Map<String, List<GridUnit>> children, Level level,
            java.util.function.UnaryOperator<String> parentOf) {
        Map<String, List<GridUnit>> parents = new LinkedHashMap<>();
        children.forEach((id, kids) -> {
            Geometry union = OverlayNGRobust.union(kids.stream().map(GridUnit::geometry).toList());
            String parent = parentOf.apply(id);
            parents.computeIfAbsent(parent, k -> new ArrayList<>())
                    .add(new GridUnit(id, level, level == Level.SUBDISTRICT ? "D" : parent, id, polygonal(union)));
        });
        return parents;
    }

    private static String community(String sector) {
        String[] ij = sector.substring(1).split("-");
        return "m" + Integer.parseInt(ij[0]) / 3 + "-" + Integer.parseInt(ij[1]) / 3;
    }

    private static String subdistrict(String community) {
        String[] ij = community.substring(1).split("-");
        return "u" + Integer.parseInt(ij[0]) / 3 + "-" + Integer.parseInt(ij[1]) / 2;
    }

    /** Only the polygons of an overlay result (clipping may leave a stray line or point). */
    private static Geometry polygonal(Geometry g) {
        List<Geometry> polygons = new ArrayList<>();
        for (int n = 0; n < g.getNumGeometries(); n++) {
            if (g.getGeometryN(n).getDimension() == 2) {
                polygons.add(g.getGeometryN(n));
            }
        }
        return polygons.size() == 1 ? polygons.get(0) : FACTORY.buildGeometry(polygons);
    }

    /** Lattice corners moved by up to a fifth of a step, edge midpoints bent by up to a tenth. */
    private static final class Jitter {
        private final double[][] cx;
        private final double[][] cy;
        private final double[][] bendH;
        private final double[][] bendV;

        Jitter(int nx, int ny, double step, Random random) {
            cx = new double[nx + 1][ny + 1];
            cy = new double[nx + 1][ny + 1];
            bendH = new double[nx + 1][ny + 1];
            bendV = new double[nx + 1][ny + 1];
            for (int i = 0; i <= nx; i++) {
                for (int j = 0; j <= ny; j++) {
                    cx[i][j] = i * step + (random.nextDouble() - 0.5) * 0.4 * step;
                    cy[i][j] = j * step + (random.nextDouble() - 0.5) * 0.4 * step;
                    bendH[i][j] = (random.nextDouble() - 0.5) * 0.2 * step;
                    bendV[i][j] = (random.nextDouble() - 0.5) * 0.2 * step;
                }
            }
        }

        Geometry cell(int i, int j, double x0, double y0) {
            Coordinate[] ring = {
                corner(i, j, x0, y0), horizontal(i, j, x0, y0), corner(i + 1, j, x0, y0),
                vertical(i + 1, j, x0, y0), corner(i + 1, j + 1, x0, y0), horizontal(i, j + 1, x0, y0),
                corner(i, j + 1, x0, y0), vertical(i, j, x0, y0), corner(i, j, x0, y0)};
            return FACTORY.createPolygon(ring);
        }

        private Coordinate corner(int i, int j, double x0, double y0) {
            return new Coordinate(x0 + cx[i][j], y0 + cy[i][j]);
        }

        /** The midpoint of the edge from corner (i, j) to (i + 1, j), bent north or south. */
        private Coordinate horizontal(int i, int j, double x0, double y0) {
            return new Coordinate(x0 + (cx[i][j] + cx[i + 1][j]) / 2,
                    y0 + (cy[i][j] + cy[i + 1][j]) / 2 + bendH[i][j]);
        }

        /** The midpoint of the edge from corner (i, j) to (i, j + 1), bent east or west. */
        private Coordinate vertical(int i, int j, double x0, double y0) {
            return new Coordinate(x0 + (cx[i][j] + cx[i][j + 1]) / 2 + bendV[i][j],
                    y0 + (cy[i][j] + cy[i][j + 1]) / 2);
        }
    }
}
