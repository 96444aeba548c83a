package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRoutesTest {

    @Test
    void aTileTemplateWithSubdomainsAllowsImagesFromEverySubdomain() {
        assertThat(PageRoutes.origin("https://{s}.tile.example.org/{z}/{x}/{y}.png")).isEqualTo("https://*.tile.example.org");
    }

    @Test
    void aTileTemplateWithoutSubdomainsAllowsItsOwnOrigin() {
        assertThat(PageRoutes.origin("http://tiles.local:8081/osm/{z}/{x}/{y}.png")).isEqualTo("http://tiles.local:8081");
    }

    @Test
    void aTemplateThatIsNotAUrlAllowsNothing() {
        assertThat(PageRoutes.origin("tiles/{z}/{x}/{y}.png")).isEmpty();
        assertThat(PageRoutes.origin("::not a url::")).isEmpty();
    }

    @Test
    void theBundledLeafletVersionIsReadFromItsWebjar() {
        assertThat(PageRoutes.leafletVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
