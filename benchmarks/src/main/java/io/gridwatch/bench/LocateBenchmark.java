package io.gridwatch.bench;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.locate.Location;
import io.gridwatch.geo.locate.LocatorOptions;
import io.gridwatch.geo.model.Grid;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point → cell over the bundled Guangming grid (1,734 cells), one thread: the raster-accelerated
 * lookup against the exact STRtree + locator lookup. Points are uniformly random inside the
 * district ({@code inside}, where devices and residents are) or over its bounding box
 * ({@code bbox}, a third of them outside the district, which takes the slower nearest-cell path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LocateBenchmark {

    private static final int POINTS = 1 << 20;

    @Param({"inside", "bbox"})
    public String points;

    private GridLocator raster;
    private GridLocator exact;
    private double[] lons;
    private double[] lats;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Grid grid = BundledGrid.guangming();
        raster = GridLocator.of(grid, LocatorOptions.DEFAULTS);
        exact = GridLocator.of(grid, LocatorOptions.DEFAULTS.withRaster(false));
        Geometry district = grid.district().geometry();
        IndexedPointInAreaLocator inDistrict = new IndexedPointInAreaLocator(district);
        Envelope box = district.getEnvelopeInternal();
        SplittableRandom random = new SplittableRandom(2026);
        lons = new double[POINTS];
        lats = new double[POINTS];
        for (int i = 0; i < POINTS; ) {
            double lon = box.getMinX() + random.nextDouble() * box.getWidth();
            double lat = box.getMinY() + random.nextDouble() * box.getHeight();
            if (points.equals("bbox") || inDistrict.locate(new Coordinate(lon, lat)) != org.locationtech.jts.geom.Location.EXTERIOR) {
                lons[i] = lon;
                lats[i] = lat;
                i++;
            }
        }
    }

    @Benchmark
    public Location rasterLookup() {
        int i = next++ & (POINTS - 1);
        return raster.locate(lons[i], lats[i]);
    }

    @Benchmark
    public Location exactLookup() {
        int i = next++ & (POINTS - 1);
        return exact.locate(lons[i], lats[i]);
    }
}
