// The steps of a case (分格发令,部门执行) as the pages offer them: which steps fit the case's status for the reader's
// side, and the small forms that take them. One place for the worker console, the department console and the map's
// detail panel; the server still decides (403 without the right, 409 when the state moved on).
import { getJson, postJson } from './api.js';
import { t } from './i18n.js';

/** Due times a dispatcher may choose (ISO-8601 durations, as the API takes them); none means "by severity". */
export const DUE_CHOICES = ['PT30M', 'PT1H', 'PT2H', 'PT4H', 'PT24H', 'P3D'];
const WITH_DEPARTMENT = ['dispatched', 'accepted'];

const STEPS = {
  grid: { open: ['ack', 'resolve'], acknowledged: ['dispatch', 'resolve'], returned: ['dispatch', 'resolve'],
    handled: ['verify'] },
  department: { dispatched: ['accept', 'return'], accepted: ['handle', 'return'] },
  watch: {},
};

/** 'department' for department staff, 'watch' for rescue teams (they look, they do not act), 'grid' otherwise. */
export function sideOf(role) {
  if (role === 'department') return 'department';
  return role === 'rescue' ? 'watch' : 'grid';
}

export function stepsFor(alert, side) {
  return STEPS[side][alert.status] || [];
}

/** The department that has (or last had) the case: {id, name}, or null before any dispatch. */
export function departmentOf(alert) {
  return alert.case?.department || null;
}

/** A case with a department past its due time (the server's overdue step, or the clock when it has not said yet). */
export function isOverdue(alert, now = Date.now()) {
  if (!WITH_DEPARTMENT.includes(alert.status) || !alert.case) return false;
  return !!alert.case.overdue_at || (!!alert.case.due_at && Date.parse(alert.case.due_at) < now);
}

/** What the last step said, for the reader to act on: the order, the handling, or why it came back. */
export function lastWord(alert) {
  const c = alert.case;
  if (!c) return '';
  if (alert.status === 'returned') return c.return_reason ? t('case.returnReason', { text: c.return_reason }) : '';
  if (alert.status === 'handled') return c.handle_note ? t('case.handleNote', { text: c.handle_note }) : '';
  return c.note ? t('case.order', { text: c.note }) : '';
}

/** The departments (GET /api/departments), by id, with the one that takes a case by default. */
export class Departments {
  constructor(list) {
    this.list = list;
    this.byId = new Map(list.map((d) => [d.id, d]));
  }

  static async load() {
    const body = await getJson('/api/departments').catch(() => ({ departments: [] }));
    return new Departments(Array.isArray(body) ? body : body.departments || []);
  }

  name(id) {
    return this.byId.get(id)?.name || id || '—';
  }

  /**
   * The department the server would choose when none is named: the one that had the case before, else one that
   * takes the alert's kind, preferring one whose area holds the case over one for the whole district. Null when the
   * page cannot tell (a resident's report: its category is the server's to match).
   */
  proposedFor(alert) {
    const before = departmentOf(alert)?.id;
    if (before && this.byId.has(before)) return before;
    const wanted = [alert.category, alert.kind].filter(Boolean);
    const takers = this.list.filter((d) => (d.handles || []).some((h) => wanted.includes(h)));
    const areas = new Set(Object.values(alert.path || {}));
    const local = takers.find((d) => d.area && areas.has(d.area) && d.area !== alert.path?.district);
    return (local || takers[0])?.id || null;
  }
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function noteField(name, labelKey, required) {
  const label = element('label', 'note');
  const area = element('textarea');
  area.name = name;
  area.rows = 2;
  area.maxLength = 2000;
  area.required = required;
  label.append(element('span', null, t(labelKey)), area);
  return label;
}

function select(name, labelKey, options) {
  const label = element('label', 'choice');
  const box = element('select');
  box.name = name;
  box.append(...options);
  label.append(element('span', null, t(labelKey)), box);
  return label;
}

function form(className, ...children) {
  const out = element('form', `step ${className}`);
  out.append(...children);
  return out;
}

function submit(textKey, className, value) {
  const button = element('button', className, t(textKey));
  button.type = 'submit';
  if (value !== undefined) button.value = value;
  return button;
}

/** The form or button of one step; each calls take(path, body) and says which event it caused. */
const BUILDERS = {
  ack: () => {
    const button = submit('action.ack', 'ack');
    return { node: form('ack-form', button), send: () => ['ack', undefined, 'acknowledged'] };
  },
  resolve: () => ({
    node: form('resolve', noteField('note', 'action.note', false), submit('action.resolve')),
    send: (f) => ['resolve', { note: f.elements.note.value.trim() || null }, 'resolved'],
  }),
  dispatch: (alert, departments) => {
    const proposed = departments.proposedFor(alert);
    const options = departments.list.map((d) => new Option(d.id === proposed ? t('action.proposed', { name: d.name })
      : d.name, d.id, false, d.id === proposed));
    if (!proposed) options.unshift(new Option(t('action.byKind'), '', true, true)); // the server chooses by category
    const due = [new Option(t('due.default'), '', true, true), ...DUE_CHOICES.map((d) => new Option(t(`due.${d}`), d))];
    const node = form('dispatch', select('department', 'action.department', options), select('due', 'action.due', due),
      noteField('note', 'action.note', false), submit('action.dispatch'));
    if (!departments.list.length) {
      node.querySelector('button').disabled = true;
      node.append(element('p', 'hint', t('action.noDepartments')));
    }
    return {
      node,
      send: (f) => ['dispatch', { department: f.elements.department.value || undefined,
        note: f.elements.note.value.trim() || undefined, due: f.elements.due.value || undefined }, 'dispatched'],
    };
  },
  accept: () => ({ node: form('accept', submit('action.accept', 'accept')), send: () => ['accept', undefined, 'accepted'] }),
  handle: (alert) => {
    const photos = element('input');
    photos.type = 'file';
    photos.name = 'photo';
    photos.accept = 'image/jpeg,image/png';
    photos.multiple = true;
    // the browser's own file button speaks the browser's language: ours speaks the page's
    const chosen = element('span', 'chosen', t('action.noPhotos'));
    photos.addEventListener('change', () => {
      chosen.textContent = photos.files.length ? t('action.photosChosen', { count: photos.files.length })
        : t('action.noPhotos');
    });
    const photoLabel = element('label', 'photos-field');
    photoLabel.append(element('span', null, t('action.photos')), photos,
      element('span', 'pick', t('action.choosePhotos')), chosen);
    // only a resident's report has someone to show the handling to (on /track)
    const share = element('input');
    share.type = 'checkbox';
    share.name = 'share';
    const shareLabel = element('label', 'share');
    shareLabel.append(share, element('span', null, t('action.share')));
    const fields = [noteField('note', 'action.handleNote', true), photoLabel,
      ...(alert.kind === 'report' ? [shareLabel] : []), submit('action.handle')];
    return {
      node: form('handle', ...fields),
      send: (f) => {
        const note = f.elements.note.value.trim();
        if (!photos.files.length) return ['handle', { note, share: share.checked }, 'handled'];
        const body = new FormData();
        body.append('note', note);
        body.append('share', String(share.checked));
        for (const file of photos.files) body.append('photo', file, file.name);
        return ['handle', body, 'handled'];
      },
    };
  },
  return: () => ({
    node: form('return', noteField('reason', 'action.reason', true), submit('action.return')),
    send: (f) => ['return', { reason: f.elements.reason.value.trim() }, 'returned'],
  }),
  verify: () => ({
    node: form('verify', noteField('note', 'action.verifyNote', false), submit('action.pass', 'pass', 'true'),
      submit('action.fail', 'fail', 'false')),
    send: (f, submitter) => {
      const pass = submitter?.value === 'true';
      const note = f.elements.note.value.trim();
      if (!pass && !note) throw new Error(t('action.failNeedsNote')); // the department must learn what is missing
      return ['verify', { pass, note: note || null }, 'verified'];
    },
  }),
};

/** Why a step did not go through, in the reader's language (the server's own message is English, for logs). */
function refusal(failure) {
  const known = { 400: 'error.invalid', 403: 'error.forbidden', 404: 'error.gone', 409: 'error.moved' };
  if (failure.status in known) return t(known[failure.status]);
  return failure.status ? t('error.server') : failure.message || t('error.network');
}

/**
 * Fills box with the steps that fit alert for this side. The forms are rebuilt only when the steps change, so a
 * half-written note survives live updates of the same case.
 *
 * @param context {side, departments: Departments, onDone(event, alert)}
 */
export function renderSteps(box, alert, context) {
  const steps = stepsFor(alert, context.side);
  const key = `${alert.id}:${steps.join(',')}`;
  if (box.dataset.steps === key) return;
  box.dataset.steps = key;
  const error = element('p', 'error');
  error.setAttribute('role', 'alert');
  const forms = steps.map((step) => {
    const { node, send } = BUILDERS[step](alert, context.departments);
    node.dataset.step = step;
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      const buttons = node.querySelectorAll('button');
      error.textContent = '';
      buttons.forEach((b) => { b.disabled = true; });
      try {
        const [path, body, done] = send(node, event.submitter);
        const changed = await postJson(`/api/alerts/${alert.id}/${path}`, body);
        context.onDone(done, changed);
      } catch (failure) {
        error.textContent = refusal(failure);
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
    return node;
  });
  box.replaceChildren(...forms, ...(forms.length ? [error] : []));
}
