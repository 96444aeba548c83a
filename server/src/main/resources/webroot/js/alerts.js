// The open alerts a page holds: a snapshot replaces them, each event updates one; resolved ones leave.
import { SEVERITIES } from './vocabulary.js';

// kinds, severities, levels and the roles' levels are the server's (vocabulary.js), not copies kept here
export { KINDS, LEVELS, ROLE_LEVELS, SEVERITIES } from './vocabulary.js';
export const SEVERITY_COLOURS = { critical: '#c62828', major: '#ef6c00', minor: '#f9a825' };
/** The ring a case gets once the grid has it (the same colours as app.css's --st-*), for the map's canvas. */
export const STATUS_COLOURS = {
  acknowledged: '#37474f', dispatched: '#6a1b9a', accepted: '#1565c0', handled: '#2e7d32', returned: '#ad1457',
  overdue: '#b71c1c',
};


/** Critical first, then major, then minor; newest first within a severity. */
export function byUrgency(a, b) {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
    || Date.parse(b.opened_at) - Date.parse(a.opened_at);
}

function stamp(alert) {
  return Date.parse(alert.updated_at || alert.resolved_at || alert.acked_at || alert.opened_at) || 0;
}

export class AlertBook {
  constructor() {
    this.byId = new Map();
    this.listeners = [];
  }

  /** listener(change): change is {type: 'snapshot'} or {type: 'event', event, alert, before} */
  listen(listener) {
    this.listeners.push(listener);
  }

  replace(alerts) {
    this.byId = new Map(alerts.filter((a) => a.status !== 'resolved').map((a) => [a.id, a]));
    this.emit({ type: 'snapshot' });
  }

  apply(event, alert) {
    const before = this.byId.get(alert.id);
    if (before && stamp(before) > stamp(alert)) return; // an older copy arriving late changes nothing
    if (alert.status === 'resolved') this.byId.delete(alert.id);
    else this.byId.set(alert.id, alert);
    this.emit({ type: 'event', event, alert, before });
  }

  /** Feeds a websocket message in. */
  receive(message) {
    if (message.type === 'snapshot') this.replace(message.alerts || []);
    else if (message.type === 'alert' && message.alert) this.apply(message.event, message.alert);
  }

  all() {
    return [...this.byId.values()];
  }

  emit(change) {
    this.listeners.forEach((listener) => listener(change));
  }
}
