package io.gridwatch.web;

import io.gridwatch.error.ClientError;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.LocationJson;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.geo.io.GridGeoJson;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/grid?level=} (GeoJSON of one level, for maps), {@code GET /api/grid/locate} and
 * {@code GET /api/grid/names} (every unit's name by id, for pages that show paths without drawing them).
 */
final class GridRoutes {

    private final GridLocator locator;
    /** Each level's GeoJSON is written once: the grid does not change while the server runs. */
    private final Map<Level, String> geoJsonByLevel = new EnumMap<>(Level.class);
    /** {@code {"names": {id: name}}} of every unit: what a page needs to name a path without the shapes. */
    private final String names;

    GridRoutes(GridLocator locator) {
        this.locator = locator;
        Grid grid = locator.grid();
        for (Level level : Level.values()) {
            geoJsonByLevel.put(level, geoJson(grid, grid.units(level)));
        }
        JsonObject byId = new JsonObject();
        for (Level level : Level.values()) {
            grid.units(level).forEach(unit -> byId.put(unit.id(), unit.name()));
        }
        names = new JsonObject().put("names", byId).encode();
    }

    /** The district's outline as GeoJSON: the one shape residents see (no log-in needed for it). */
    String districtGeoJson() {
        return geoJsonByLevel.get(Level.DISTRICT);
    }

    void mount(Router router) {
        router.get("/api/grid").handler(this::level);
        router.get("/api/grid/locate").handler(this::locate);
        router.get("/api/grid/names").handler(ctx -> {
            Access.role(ctx);
            ctx.response().putHeader("content-type", "application/json").end(names);
        });
    }

    private void level(RoutingContext ctx) {
        Access.role(ctx);
        String id = ctx.queryParams().get("level");
        Level level = id == null ? Level.CELL : Level.fromId(id).orElseThrow(() -> ClientError.badRequest(
                "level must be one of district, subdistrict, community, sector, cell; got \"" + id + "\""));
        ctx.response().putHeader("content-type", "application/geo+json").end(geoJsonByLevel.get(level));
    }

    private void locate(RoutingContext ctx) {
        Access.role(ctx);
        double lon = coordinate(ctx, "lon", 180);
        double lat = coordinate(ctx, "lat", 90);
        String crsName = ctx.queryParams().get("crs");
        Crs crs;
        try {
            crs = crsName == null ? Crs.WGS84 : Crs.parse(crsName);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("crs: " + e.getMessage());
        }
        ctx.response().putHeader("content-type", "application/json")
                .end(LocationJson.toJson(locator.locate(lon, lat, crs)));
    }

    private static double coordinate(RoutingContext ctx, String name, double limit) {
        String value = ctx.queryParams().get(name);
        try {
            double d = Double.parseDouble(value);
            if (Math.abs(d) <= limit) {
                return d;
            }
        } catch (NullPointerException | NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest(name + " must be a number within ±" + (int) limit + ", got " + (value == null ? "nothing" : "\"" + value + "\""));
    }

    private static String geoJson(Grid grid, List<GridUnit> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GridGeoJson.write(grid.crs(), units, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
