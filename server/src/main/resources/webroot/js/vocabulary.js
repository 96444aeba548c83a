// The server's vocabulary, so that no page keeps its own copy of the server's lists: the sensor and alert kinds with
// their labels, units, icons and colours (GET /api/kinds, from the kind registry), and severities, grid levels,
// roles and statuses with their labels (GET /api/vocabulary). Loaded once per page by initI18n, before anything is
// drawn; the arrays below are filled in place, so modules may import them at load time.
export const SEVERITIES = [];
export const KINDS = [];
export const LEVELS = [];
/** The level a role answers at (rescue, admins and department staff watch or act but are never addressed). */
export const ROLE_LEVELS = {};
const sensors = new Map();

export async function loadVocabulary() {
  const [kinds, words] = await Promise.all([getJson('/api/kinds'), getJson('/api/vocabulary')]);
  kinds.kinds.forEach((kind) => sensors.set(kind.id, kind));
  KINDS.splice(0, KINDS.length, ...kinds.alert_kinds.map((kind) => kind.id));
  SEVERITIES.splice(0, SEVERITIES.length, ...words.severities.map((s) => s.id));
  LEVELS.splice(0, LEVELS.length, ...words.levels.map((l) => l.id));
  words.roles.filter((r) => r.answers_for_alerts && r.level).forEach((r) => { ROLE_LEVELS[r.id] = r.level; });
  return { kinds, words };
}

/** The messages the vocabulary gives in one language: kind.*, severity.*, level.*, role.*, status.*, field.*. */
export function vocabularyMessages({ kinds, words }, language) {
  const messages = {};
  kinds.alert_kinds.forEach((kind) => { messages[`kind.${kind.id}`] = kind.label[language]; });
  kinds.kinds.forEach((kind) => kind.fields.forEach((field) => {
    messages[`field.${kind.id}.${field.name}`] = field.unit
      ? `${field.label[language]} (${field.unit})` : field.label[language];
  }));
  for (const [group, prefix] of [['severities', 'severity'], ['levels', 'level'], ['roles', 'role'],
    ['statuses', 'status']]) {
    words[group].forEach((entry) => { messages[`${prefix}.${entry.id}`] = entry.label[language]; });
  }
  return messages;
}

/** The registry's entry for a sensor kind (fields, thresholds, icon, colour); undefined for other alert kinds. */
export function sensorKind(id) {
  return sensors.get(id);
}

/** The glyph the pages draw for a kind; the sensor kind's own, a dot for offline, battery and reports. */
export function kindIcon(id) {
  return sensors.get(id)?.icon ?? '•';
}

/** The colour of a kind's devices on the map. */
export function kindColour(id) {
  return sensors.get(id)?.colour ?? '#546e7a';
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
