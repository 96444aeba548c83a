package io.gridwatch.geo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridGeoJsonTest {

    private static final String SQUARE = "[[[113.9,22.7],[113.91,22.7],[113.91,22.71],[113.9,22.71],[113.9,22.7]]]";

    @Test
    void writtenGridReadsBackIdentically() {
        Grid grid = TestGrids.ofCells(Map.of("only", "POLYGON ((113.9 22.7, 113.91 22.7, 113.91 22.71, 113.9 22.71, 113.9 22.7))"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GridGeoJson.write(grid, out);
        Grid back = GridGeoJson.read(new ByteArrayInputStream(out.toByteArray())).toGrid();

        assertThat(back.units()).hasSameSizeAs(grid.units());
        for (int i = 0; i < grid.units().size(); i++) {
            assertThat(back.units().get(i).id()).isEqualTo(grid.units().get(i).id());
            assertThat(back.units().get(i).level()).isEqualTo(grid.units().get(i).level());
            assertThat(back.units().get(i).geometry().equalsExact(grid.units().get(i).geometry().norm())
                    || back.units().get(i).geometry().equalsTopo(grid.units().get(i).geometry())).isTrue();
        }
        assertThat(back.path("only").orElseThrow().sector()).isEqualTo("T");
    }

    @Test
    void collectionCrsNameSelectsGcj02() {
        GridFile file = read("{\"type\":\"FeatureCollection\",\"crs_name\":\"GCJ02\",\"features\":[" + feature("D", "district", null) + "]}");

        assertThat(file.crs()).isEqualTo(Crs.GCJ02);
        assertThat(file.toGrid().district().id()).isEqualTo("D");
    }

    @Test
    void unknownLevelNamesTheFeatureIndexAndId() {
        String json = collection(feature("D", "district", null), feature("X1", "block", "D"));

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(GridException.class)
                .hasMessage("feature 1 (id \"X1\"): level \"block\" is not one of district, subdistrict, community, sector, cell");
    }

    @Test
    void unclosedRingNamesTheFeature() {
        String open = "{\"type\":\"Feature\",\"properties\":{\"id\":\"D\",\"level\":\"district\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.9,22.7],[113.91,22.7],[113.91,22.71],[113.9,22.71],[113.9,22.72]]]}}";

        assertThatThrownBy(() -> read(collection(open)))
                .hasMessageStartingWith("feature 0 (id \"D\"): a ring is not closed");
    }

    @Test
    void pointGeometryIsRefused() {
        String point = "{\"type\":\"Feature\",\"properties\":{\"id\":\"D\",\"level\":\"district\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[113.9,22.7]}}";

        assertThatThrownBy(() -> read(collection(point)))
                .hasMessageContaining("geometry type \"Point\" is not supported");
    }

    @Test
    void missingParentAndDuplicateIdsAreRefusedWhenLinking() {
        GridFile orphan = read(collection(feature("D", "district", null), feature("S1", "subdistrict", "nowhere")));
        GridFile twice = read(collection(feature("D", "district", null), feature("S1", "subdistrict", "D"),
                feature("S1", "subdistrict", "D")));
        GridFile wrongLevel = read(collection(feature("D", "district", null), feature("C1", "community", "D")));

        assertThatThrownBy(orphan::toGrid).hasMessage("feature 1 (id \"S1\"): parent \"nowhere\" does not exist");
        assertThatThrownBy(twice::toGrid).hasMessage("feature 2 (id \"S1\"): duplicate id, first used by feature 1");
        assertThatThrownBy(wrongLevel::toGrid)
                .hasMessage("feature 1 (id \"C1\"): parent \"D\" is a district, a community needs a subdistrict");
    }

    @Test
    void brokenJsonSaysWhere() {
        assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\n\"features\": [ {]"))
                .isInstanceOf(GridException.class)
                .hasMessageStartingWith("not valid JSON")
                .hasMessageContaining("line 2");
    }

    private static GridFile read(String json) {
        return GridGeoJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String id, String level, String parent) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"level\":\"" + level + "\",\"parent\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + SQUARE + "}}";
    }

}
