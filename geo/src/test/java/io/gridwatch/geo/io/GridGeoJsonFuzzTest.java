package io.gridwatch.geo.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.geo.model.GridException;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing (Jazzer) of the grid GeoJSON reader, which reads files made by others: any bytes give a
 * grid file or a {@link GridException} naming what is wrong, never another exception. A few seconds in
 * {@code mvn verify} from {@code GridGeoJsonFuzzTestInputs} (a crash found becomes one of them); longer by hand,
 * see docs/operations.md.
 */
class GridGeoJsonFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyBytesGiveAGridFileOrAGridException(byte[] file) {
        try {
            GridFile read = GridGeoJson.read(new ByteArrayInputStream(file));
            assertThat(read.units()).doesNotContainNull();
        } catch (GridException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
