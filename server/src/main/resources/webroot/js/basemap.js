// The base map under a map page, and the shift between the grid's coordinates and the tiles'. The grid is stored in
// its own CRS (WGS84 unless the grid file says GCJ02); Chinese tile services draw in GCJ-02. Leaflet places
// everything in the tiles' frame, so every overlay coordinate goes through toMap and every tap through fromMap.
import { gcj02ToWgs84, wgs84ToGcj02 } from './crs.js';

const L = window.L;

/** tiles: {url, crs, attribution, max_zoom} or null; gridCrs: 'WGS84' | 'GCJ02'. */
export class BaseMap {
  constructor(tiles, gridCrs) {
    this.tiles = tiles || null;
    this.gridCrs = (gridCrs || 'WGS84').toUpperCase();
    this.mapCrs = this.tiles ? this.tiles.crs.toUpperCase() : this.gridCrs;
    const shift = this.mapCrs !== this.gridCrs;
    const forward = this.gridCrs === 'WGS84' ? wgs84ToGcj02 : gcj02ToWgs84;
    const back = this.gridCrs === 'WGS84' ? gcj02ToWgs84 : wgs84ToGcj02;
    /** [lon, lat] in the grid's CRS → L.LatLng on the map */
    this.toMap = shift ? (lon, lat) => { const [x, y] = forward(lon, lat); return L.latLng(y, x); }
      : (lon, lat) => L.latLng(lat, lon);
    /** L.LatLng on the map → [lon, lat] in the grid's CRS */
    this.fromMap = shift ? (latlng) => back(latlng.lng, latlng.lat) : (latlng) => [latlng.lng, latlng.lat];
  }

  /** [lon, lat] in crs ('WGS84' | 'GCJ02') → L.LatLng on the map: a photo's or the phone's WGS84 position. */
  place(crs, lon, lat) {
    const from = (crs || 'WGS84').toUpperCase();
    if (from === this.mapCrs) return L.latLng(lat, lon);
    const [x, y] = from === 'WGS84' ? wgs84ToGcj02(lon, lat) : gcj02ToWgs84(lon, lat);
    return L.latLng(y, x);
  }

  /** The CRS a tap on the map is in, as the API names it. */
  get tapCrs() {
    return this.mapCrs;
  }

  /** Adds the tile layer (if any) to a Leaflet map. */
  addTo(map) {
    if (!this.tiles) return;
    L.tileLayer(this.tiles.url, {
      maxZoom: this.tiles.max_zoom || 19,
      attribution: this.tiles.attribution || '',
    }).addTo(map);
    map.setMaxZoom(this.tiles.max_zoom || 19);
  }

  /** L.geoJSON options that draw a GeoJSON in the grid's CRS at the right place on the tiles. */
  geoJsonOptions(options = {}) {
    return { ...options, coordsToLatLng: (c) => this.toMap(c[0], c[1]) };
  }
}
