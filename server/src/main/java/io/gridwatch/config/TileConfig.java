package io.gridwatch.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * The base map under every map page: an XYZ tile URL template, the coordinate system its tiles are drawn in, the
 * attribution its terms require and its deepest zoom. Immutable.
 *
 * <p>{@code GRIDWATCH_TILES} is the template, then optional {@code ;key=value} parts: {@code crs=wgs84|gcj02}
 * (default wgs84), {@code maxzoom=N} (default 19) and {@code attribution=…} (last, as it may itself hold
 * semicolons), e.g. {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png;crs=wgs84;maxzoom=19;attribution=©
 * OpenStreetMap contributors}. The older {@code GRIDWATCH_TILE_URL} (a template alone) still works and means WGS84
 * tiles up to zoom 19.
 *
 * @param crs {@code wgs84} or {@code gcj02}: the pages shift the grid (stored in its own CRS) onto the tiles'
 */
public record TileConfig(String url, String crs, String attribution, int maxZoom) {

    public static final int DEFAULT_MAX_ZOOM = 19;

    public TileConfig {
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            throw new ConfigException("GRIDWATCH_TILES: the tile URL must hold {z}, {x} and {y}, got \"" + url + "\"");
        }
        if (!"wgs84".equals(crs) && !"gcj02".equals(crs)) {
            throw new ConfigException("GRIDWATCH_TILES: crs must be wgs84 or gcj02, got \"" + crs + "\"");
        }
        if (maxZoom < 1 || maxZoom > 22) {
            throw new ConfigException("GRIDWATCH_TILES: maxzoom must be from 1 to 22, got " + maxZoom);
        }
    }

    /** From {@code GRIDWATCH_TILES}, else {@code GRIDWATCH_TILE_URL}; empty when neither is set (no base map). */
    static Optional<TileConfig> fromEnv(Env env) {
        Optional<String> tiles = env.text("GRIDWATCH_TILES");
        if (tiles.isPresent()) {
            return Optional.of(parse(tiles.get()));
        }
        return env.text("GRIDWATCH_TILE_URL").map(url -> new TileConfig(url, "wgs84", "", DEFAULT_MAX_ZOOM));
    }

    static TileConfig parse(String text) {
        String[] head = text.split(";", 2);
        String crs = "wgs84";
        String attribution = "";
        int maxZoom = DEFAULT_MAX_ZOOM;
        String rest = head.length > 1 ? head[1] : "";
        while (!rest.isBlank()) {
            String part = rest.strip();
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if ("attribution".equals(key)) {
                attribution = part.substring(eq + 1).trim();
                break;
            }
            int end = part.indexOf(';');
            String value = (end < 0 ? part.substring(eq + 1) : part.substring(eq + 1, end)).trim();
            rest = end < 0 ? "" : part.substring(end + 1);
            switch (key) {
                case "crs" -> crs = value.toLowerCase(Locale.ROOT);
                case "maxzoom" -> maxZoom = zoom(value);
                default -> throw new ConfigException("GRIDWATCH_TILES: unknown part \"" + key
                        + "\"; use crs=, maxzoom= and attribution=");
            }
        }
        return new TileConfig(head[0].trim(), crs, attribution, maxZoom);
    }

    private static int zoom(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("GRIDWATCH_TILES: maxzoom must be a whole number, got \"" + value + "\"");
        }
    }

    /** What the pages are told ({@code GET /api/config} and the resident's map). */
    public JsonObject toJson() {
        return new JsonObject().put("url", url).put("crs", crs).put("attribution", attribution)
                .put("max_zoom", maxZoom);
    }
}
