// What the map draws: the grid at one level (canvas renderer), the district outline, devices and open alerts.
// Alerts are clustered (Leaflet.markercluster, bundled): at district zoom neighbours merge into one blob that
// counts them by severity; zoomed in they spread out.
import { SEVERITIES, STATUS_COLOURS } from './alerts.js';
import { BaseMap } from './basemap.js';
import { isOverdue } from './casework.js';
import { t } from './i18n.js';
import { kindColour } from './vocabulary.js';

const L = window.L; // the bundled Leaflet and its plug-in (served from the jar), loaded before the modules
/** From this zoom on (streets) every alert stands on its own. */
const SPREAD_AT_ZOOM = 16;
const CLUSTER_RADIUS_PX = 40;

const GRID_STYLE = { color: '#5c6b7a', weight: 0.6, fill: true, fillColor: '#ffffff', fillOpacity: 0.35 };
const OUTLINE_STYLE = { color: '#1a237e', weight: 2.5, fill: false };
const DEVICE_STATE_COLOURS = { alert: '#c62828', offline: '#757575', battery: '#8e24aa' };

export class MapView {
  /** config: GET /api/config ({tiles, grid_crs}); positions given to the view are [lat, lon] in the grid's CRS. */
  constructor(element, config) {
    this.base = new BaseMap(config.tiles, config.grid_crs);
    this.renderer = L.canvas({ padding: 0.3, tolerance: 4 });
    this.map = L.map(element, { renderer: this.renderer, preferCanvas: true,
      attributionControl: Boolean(config.tiles), zoomControl: false, maxZoom: 19 });
    L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(this.map);
    this.base.addTo(this.map);
    this.devicesByKind = new Map();
    this.deviceMarkers = new Map();
    this.alertMarkers = new Map();
    this.alertLayer = L.markerClusterGroup({
      maxClusterRadius: CLUSTER_RADIUS_PX, disableClusteringAtZoom: SPREAD_AT_ZOOM, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon,
    }).addTo(this.map);
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
        fillColor: kindColour(device.kind), interactive: false,
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
        fillColor: DEVICE_STATE_COLOURS[state] || kindColour(marker.deviceKind),
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
   * Shows these alerts (a few hundred at most), changing only the markers that changed: colour by severity; once
   * the grid has one, hollow with a ring in its status's colour (the overdue ring above all); outlined when
   * selected.
   */
  showAlerts(alerts, positionOf, onClick, selectedId) {
    const shown = new Set();
    for (const alert of alerts) {
      const where = positionOf(alert);
      if (!where) continue;
      const position = this.base.toMap(where[1], where[0]);
      shown.add(alert.id);
      const ring = isOverdue(alert) ? STATUS_COLOURS.overdue : STATUS_COLOURS[alert.status];
      const look = `alert-marker severity-${alert.severity} status-${alert.status}${ring ? ' ringed' : ''}`
        + `${alert.id === selectedId ? ' selected' : ''}|${ring || ''}`;
      let marker = this.alertMarkers.get(alert.id);
      if (!marker) {
        marker = L.marker(position, { icon: alertIcon(look, alert.id), severity: alert.severity, keyboard: false });
        marker.on('click', () => onClick(alert.id));
        marker.look = look;
        this.alertMarkers.set(alert.id, marker);
        this.alertLayer.addLayer(marker);
        continue;
      }
      if (!marker.getLatLng().equals(position)) marker.setLatLng(position);
      if (marker.look !== look || marker.options.severity !== alert.severity) {
        marker.look = look;
        marker.options.severity = alert.severity;
        marker.setIcon(alertIcon(look, alert.id));
        this.alertLayer.refreshClusters(marker);
      }
    }
    for (const [id, marker] of this.alertMarkers) {
      if (shown.has(id)) continue;
      this.alertLayer.removeLayer(marker);
      this.alertMarkers.delete(id);
    }
    this.alertCount = this.alertMarkers.size;
  }

  /** Flies to an alert, close enough that its cluster has spread, and brings its marker out of any cluster. */
  flyToAlert(id, position) {
    const zoom = Math.max(this.map.getZoom(), SPREAD_AT_ZOOM);
    this.map.flyTo(this.base.toMap(position[1], position[0]), zoom, { duration: 0.6 });
  }

  /** What the map shows now: its centre, zoom and the clusters and single alerts drawn (tests, operators). */
  view() {
    const [lon, lat] = this.base.fromMap(this.map.getCenter()); // in the grid's CRS, like the alerts' positions
    let clusters = 0;
    let single = 0;
    this.map.eachLayer((layer) => {
      if (layer instanceof L.MarkerCluster) clusters += 1;
      else if (layer instanceof L.Marker && this.alertLayer.hasLayer(layer)) single += 1;
    });
    return { lat, lon, zoom: this.map.getZoom(), clusters, single };
  }

  zoomTo(position, zoom) {
    this.map.setView(this.base.toMap(position[1], position[0]), zoom, { animate: false });
  }

  /** handler([lon, lat]) in the grid's CRS, as the pointer moves. */
  onPointer(handler) {
    this.map.on('mousemove', (event) => handler(this.base.fromMap(event.latlng)));
  }
}

/** look: the marker's classes, then '|' and the colour of its status ring (none while open). */
function alertIcon(look, id) {
  const [classes, ring] = look.split('|');
  const style = ring ? ` style="border-color: ${ring}"` : '';
  return L.divIcon({ className: classes, iconSize: [20, 20], html: `<span data-alert-id="${id}"${style}></span>` });
}

/** A cluster's blob: how many alerts of each severity it holds, most severe first, coloured like them. */
function clusterIcon(cluster) {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const marker of cluster.getAllChildMarkers()) counts[marker.options.severity] = (counts[marker.options.severity] || 0) + 1;
  const worst = SEVERITIES.find((s) => counts[s] > 0) || 'minor';
  const parts = SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `<span class="n severity-${s}" title="${t(`severity.${s}`)}">${counts[s]}</span>`).join('');
  const size = 30 + 12 * SEVERITIES.filter((s) => counts[s] > 0).length;
  return L.divIcon({ className: `alert-cluster worst-${worst}`, html: `<div>${parts}</div>`, iconSize: [size, 30] });
}
