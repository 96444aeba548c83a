package io.gridwatch.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.io.GridGeoJson;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class Gcj02Test {

    @Test
    void roundTripsStayWithinOneMetreAcrossChina() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            double lon = 75 + random.nextDouble() * 60;
            double lat = 18 + random.nextDouble() * 35;

            Coordinate gcj = Crs.WGS84.convert(lon, lat, Crs.GCJ02);
            Coordinate back = Crs.GCJ02.convert(gcj.x, gcj.y, Crs.WGS84);

            assertThat(metres(lon, lat, back.x, back.y)).as("round trip at %f %f", lon, lat).isLessThan(1.0);
        }
    }

    @Test
    void forwardConversionReproducesTheReferenceGuangmingBoundary() {
        // the reference WGS84 file was derived from the GCJ-02 one with the classic one-step inverse (≈ 1 m residual)
        Geometry wgs = GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.wgs84.geojson")).geometry();
        Geometry gcj = GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.gcj02.geojson")).geometry();
        Coordinate[] w = wgs.getCoordinates();
        Coordinate[] g = gcj.getCoordinates();
        assertThat(w).hasSameSizeAs(g);

        for (int i = 0; i < w.length; i++) {
            Coordinate converted = Gcj02.fromWgs84(w[i].x, w[i].y);
            assertThat(metres(converted.x, converted.y, g[i].x, g[i].y)).isLessThan(2.0);
            // the offset itself is about 600 m in Guangming
            assertThat(metres(w[i].x, w[i].y, g[i].x, g[i].y)).isBetween(590.0, 615.0);
        }
    }

    @Test
    void positionsOutsideChinaAreNotShifted() {
        Coordinate tokyo = Crs.WGS84.convert(139.69, 35.69, Crs.GCJ02);
        assertThat(tokyo).isEqualTo(new Coordinate(139.69, 35.69));
    }

    @Test
    void parsesTheNamesUsersWriteAndRefusesOthers() {
        assertThat(Crs.parse("gcj-02")).isEqualTo(Crs.GCJ02);
        assertThat(Crs.parse("EPSG:4326")).isEqualTo(Crs.WGS84);
        assertThatThrownBy(() -> Crs.parse("BD09")).hasMessageContaining("expected WGS84 or GCJ02");
    }

    private static double metres(double lon1, double lat1, double lon2, double lat2) {
        LocalProjection p = new LocalProjection(lon1, lat1);
        return p.toMetres(lon2, lat2).distance(new Coordinate(0, 0));
    }
}
