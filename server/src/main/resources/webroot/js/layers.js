// What the map draws: the grid at one level (canvas renderer), the district outline, devices and open alerts.
import { SEVERITY_COLOURS, STATUS_COLOURS } from './alerts.js';
import { BaseMap } from './basemap.js';
import { isOverdue } from './casework.js';

const L = window.L; // the bundled Leaflet (served from the jar), loaded before the modules

const GRID_STYLE = { color: '#5c6b7a', weight: 0.6, fill: true, fillColor: '#ffffff', fillOpacity: 0.35 };
const OUTLINE_STYLE = { color: '#1a237e', weight: 2.5, fill: false };
const DEVICE_COLOURS = { smoke: '#546e7a', water_level: '#0277bd' };
const DEVICE_STATE_COLOURS = { alert: '#c62828', offline: '#757575', battery: '#8e24aa' };

export class MapView {
  /** config: GET /api/config ({tiles, grid_crs}); positions given to the view are [lat, lon] in the grid's CRS. */
  constructor(element, config) {
    this.base = new BaseMap(config.tiles, config.grid_crs);
    this.renderer = L.canvas({ padding: 0.3, tolerance: 4 });
    this.map = L.map(element, { renderer: this.renderer, preferCanvas: true, attributionControl: Boolean(config.tiles) });
    this.base.addTo(this.map);
    this.devicesByKind = new Map();
    this.deviceMarkers = new Map();
    this.alertLayer = L.layerGroup().addTo(this.map);
    this.gridCount = 0;
    this.alertCount = 0;
  }

  showOutline(collection) {
    const outline = L.geoJSON(collection, this.base.geoJsonOptions({
      renderer: this.renderer, style: OUTLINE_STYLE, interactive: false,
    })).addTo(this.map);
    this.map.fitBounds(outline.getBounds());
  }

  /** Replaces the drawn grid with one level's units; returns how many were drawn. */
  showGrid(collection) {
    if (this.gridLayer) this.gridLayer.remove();
    this.gridLayer = L.geoJSON(collection, this.base.geoJsonOptions({
      renderer: this.renderer, style: GRID_STYLE, interactive: false,
    }));
    this.gridLayer.addTo(this.map).bringToBack();
    this.gridCount = collection.features.length;
    return this.gridCount;
  }

  showDevices(devices) {
    for (const device of devices) {
      // each kind's group is filled first and put on the map once, below
      if (!this.devicesByKind.has(device.kind)) this.devicesByKind.set(device.kind, L.layerGroup());
      const marker = L.circleMarker(this.base.toMap(device.lon, device.lat), {
        renderer: this.renderer, radius: 3, weight: 1, color: '#ffffff', fillOpacity: 0.9,
        fillColor: DEVICE_COLOURS[device.kind] || '#546e7a', interactive: false,
      });
      marker.deviceKind = device.kind;
      marker.deviceState = 'ok';
      this.deviceMarkers.set(device.id, marker);
      this.devicesByKind.get(device.kind).addLayer(marker);
    }
    for (const [, group] of this.devicesByKind) group.addTo(this.map);
  }

  /** Colours each device by its state ('ok', 'alert', 'offline', 'battery'); only changed ones are redrawn. */
  restyleDevices(stateOf) {
    for (const [id, marker] of this.deviceMarkers) {
      const state = stateOf(id);
      if (state === marker.deviceState) continue;
      marker.deviceState = state;
      marker.setStyle({
        fillColor: DEVICE_STATE_COLOURS[state] || DEVICE_COLOURS[marker.deviceKind],
        radius: state === 'ok' ? 3 : 5,
      });
    }
  }

  showDeviceKinds(visibleKinds) {
    for (const [kind, layer] of this.devicesByKind) {
      if (visibleKinds.has(kind)) layer.addTo(this.map);
      else layer.remove();
    }
  }

  deviceCount() {
    let count = 0;
    for (const [, layer] of this.devicesByKind) if (this.map.hasLayer(layer)) count += layer.getLayers().length;
    return count;
  }

  /**
   * Redraws the alerts (a few hundred at most): colour by severity; once the grid has one, hollow with a ring in its
   * status's colour (dashed while it waits on someone else), the overdue ring above all.
   */
  showAlerts(alerts, positionOf, onClick) {
    this.alertLayer.clearLayers();
    this.alertCount = 0;
    for (const alert of alerts) {
      const position = positionOf(alert);
      if (!position) continue;
      const ring = isOverdue(alert) ? STATUS_COLOURS.overdue : STATUS_COLOURS[alert.status];
      const marker = L.circleMarker(this.base.toMap(position[1], position[0]), {
        renderer: this.renderer,
        radius: alert.severity === 'critical' ? 10 : 8,
        color: ring || '#ffffff',
        weight: ring && alert.status !== 'acknowledged' ? 3 : 2,
        dashArray: ring && alert.status !== 'handled' ? '4 3' : null,
        fillColor: SEVERITY_COLOURS[alert.severity],
        fillOpacity: ring ? 0.35 : 0.95,
      });
      marker.on('click', () => onClick(alert.id));
      this.alertLayer.addLayer(marker);
      this.alertCount += 1;
    }
  }

  /** Brings a position into view, moving the map only when it is outside. */
  focus(position) {
    const at = this.base.toMap(position[1], position[0]);
    if (!this.map.getBounds().contains(at)) this.map.panTo(at);
  }

  /** handler([lon, lat]) in the grid's CRS, as the pointer moves. */
  onPointer(handler) {
    this.map.on('mousemove', (event) => handler(this.base.fromMap(event.latlng)));
  }
}
