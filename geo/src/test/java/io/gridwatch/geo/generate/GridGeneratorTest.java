package io.gridwatch.geo.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.io.GridGeoJson.Outline;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/** The generator on the real Guangming boundary, generated once for the whole class. */
@Timeout(120)
class GridGeneratorTest {

    private static final long SEED = 440311L;

    private static Outline boundary;
    private static Grid grid;
    private static byte[] geoJson;

    @BeforeAll
    static void generateGuangmingOnce() {
        boundary = GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.wgs84.geojson"));
        grid = GridGenerator.generate(boundary, SEED);
        geoJson = bytesOf(grid);
    }

    @Test
    void guangmingGridHasTheRealCountAtEveryLevel() {
        // given the grid generated once at Guangming's counts

        // then
        assertThat(grid.units(Level.SUBDISTRICT)).hasSize(6);
        assertThat(grid.units(Level.COMMUNITY)).hasSize(37);
        assertThat(grid.units(Level.SECTOR)).hasSize(272);
        assertThat(grid.units(Level.CELL)).hasSize(1734);
        GridInvariants.assertCounts(grid, GridCounts.GUANGMING);
        assertThat(grid.crs()).isEqualTo(Crs.WGS84);
    }
    @Test
    void unitsAreListedFromTheDistrictDownToTheCells() {
        // when
        List<Level> levels = grid.units().stream().map(GridUnit::level).toList();

        // then
        assertThat(levels).isSortedAccordingTo(Enum::compareTo);
        assertThat(grid.units().get(0).id()).isEqualTo("440311");
    }

    @Test
    void everyUnitIsOneValidPolygon() {
        GridInvariants.assertEveryUnitIsOneValidPolygon(grid);
    }
    @Test
    void everyParentIsExactlyTheUnionOfItsChildren() {
        GridInvariants.assertEveryParentIsTheUnionOfItsChildren(grid);
    }
    @Test
    void neighbouringCellsShareEdgesVertexForVertex() {
        GridInvariants.assertCellsShareEdgesVertexForVertex(grid);
    }
    @Test
    void cellsCoverTheWholeBoundary() {
        // when
        double cellArea = grid.units(Level.CELL).stream().mapToDouble(u -> u.geometry().getArea()).sum();

        // then
        double boundaryArea = boundary.geometry().getArea();
        assertThat(cellArea).isCloseTo(boundaryArea, within(boundaryArea * 1e-4));
        assertThat(grid.district().geometry().getEnvelopeInternal().getMinX()).isCloseTo(113.852844, within(1e-6));
    }

    @Test
    void randomPointsInsideTheBoundaryLieInExactlyOneCell() {
        // given an index of the cells and 20,000 random points inside the boundary
        STRtree index = new STRtree();
        for (GridUnit cell : grid.units(Level.CELL)) {
            index.insert(cell.geometry().getEnvelopeInternal(), cell);
        }
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(boundary.geometry());
        Envelope env = boundary.geometry().getEnvelopeInternal();
        GeometryFactory factory = new GeometryFactory();
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        while (checked < 20_000) {
            Coordinate c = new Coordinate(env.getMinX() + random.nextDouble() * env.getWidth(),
                    env.getMinY() + random.nextDouble() * env.getHeight());
            if (inside.locate(c) != Location.INTERIOR) {
                continue;
            }
            Point point = factory.createPoint(c);

            // when
            @SuppressWarnings("unchecked")
            List<GridUnit> candidates = index.query(new Envelope(c));
            long covering = candidates.stream().filter(u -> u.geometry().covers(point)).count();

            // then
            assertThat(covering).as("cells covering %s", c).isEqualTo(1);
            checked++;
        }
    }

    @Test
    void everyCoordinateLiesOnTheTenMillionthDegreeGrid() {
        for (GridUnit unit : grid.units()) {
            for (Coordinate c : unit.geometry().getCoordinates()) {
                assertThat(Math.round(c.x * 1e7) / 1e7).as(unit.id()).isEqualTo(c.x);
                assertThat(Math.round(c.y * 1e7) / 1e7).as(unit.id()).isEqualTo(c.y);
            }
        }
    }

    @Test
    void writtenGridReadsBackWithIdenticalCoordinates() {
        // when
        Grid back = GridGeoJson.read(new ByteArrayInputStream(geoJson)).toGrid();

        // then
        assertThat(back.units()).hasSameSizeAs(grid.units());
        for (int i = 0; i < grid.units().size(); i++) {
            GridUnit written = grid.units().get(i);
            GridUnit read = back.units().get(i);
            assertThat(read.id()).isEqualTo(written.id());
            assertThat(read.parentId()).isEqualTo(written.parentId());
            assertThat(read.name()).isEqualTo(written.name());
            assertThat(read.geometry().norm().equalsExact(written.geometry().norm())).as(written.id()).isTrue();
        }
    }

    @Test
    void subdistrictsCarryTheRealNamesAndCodes() {
        // when
        Map<String, String> names = new HashMap<>();
        grid.units(Level.SUBDISTRICT).forEach(u -> names.put(u.id(), u.name()));

        // then
        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                "440311001", "光明街道", "440311002", "公明街道", "440311003", "新湖街道",
                "440311004", "凤凰街道", "440311005", "玉塘街道", "440311006", "马田街道"));
        assertThat(grid.district().name()).isEqualTo("光明区");
    }

    @Test
    void idsAndNamesExtendThoseOfTheParent() {
        for (GridUnit unit : grid.units()) {
            if (unit.level() == Level.DISTRICT || unit.level() == Level.SUBDISTRICT) {
                continue;
            }
            GridUnit parent = grid.unit(unit.parentId()).orElseThrow();
            String pattern = switch (unit.level()) {
                case COMMUNITY -> "\\d{12}";
                case SECTOR -> "\\d{12}-\\d{2}";
                default -> "\\d{12}-\\d{2}-\\d{2}";
            };
            String suffix = switch (unit.level()) {
                case COMMUNITY -> "第\\d+社区";
                case SECTOR -> "第\\d+小分格";
                default -> "第\\d+网格";
            };
            assertThat(parent.level()).isEqualTo(unit.level().parent().orElseThrow());
            assertThat(unit.id()).matches(pattern).startsWith(parent.id());
            assertThat(unit.name()).startsWith(parent.name());
            assertThat(unit.name().substring(parent.name().length())).matches(suffix);
        }
        assertThat(grid.unit("440311001001-01-01")).isPresent();
        assertThat(grid.path("440311001001-01-01").orElseThrow().community()).isEqualTo("440311001001");
    }

    @Test
    void sameSeedGivesByteIdenticalGeoJson() {
        // when
        byte[] again = bytesOf(GridGenerator.generate(boundary, SEED));

        // then
        assertThat(again).isEqualTo(geoJson);
    }

    @Test
    void anotherSeedGivesAnotherGrid() {
        // when
        Grid other = GridGenerator.generate(boundary, SEED + 1);

        // then
        assertThat(other.units(Level.CELL)).hasSize(1734);
        assertThat(bytesOf(other)).isNotEqualTo(geoJson);
    }

    @Test
    void gcj02BoundaryGivesAGcj02Grid() {
        // given
        Outline gcj02 = GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.gcj02.geojson"));

        // when
        Grid shifted = GridGenerator.generate(gcj02, SEED);

        // then
        assertThat(gcj02.crs()).isEqualTo(Crs.GCJ02);
        assertThat(shifted.crs()).isEqualTo(Crs.GCJ02);
        assertThat(shifted.units(Level.CELL)).hasSize(1734);
        assertThat(shifted.district().geometry().getEnvelopeInternal().getMaxX()).isCloseTo(114.009204, within(1e-6));
        double cellArea = shifted.units(Level.CELL).stream().mapToDouble(u -> u.geometry().getArea()).sum();
        assertThat(cellArea).isCloseTo(gcj02.geometry().getArea(), within(gcj02.geometry().getArea() * 1e-4));
    }

    static byte[] bytesOf(Grid grid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GridGeoJson.write(grid, out);
        return out.toByteArray();
    }
}
