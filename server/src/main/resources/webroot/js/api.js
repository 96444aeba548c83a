// The HTTP API with the logged-in person's bearer token. The token lives in sessionStorage only: never in a URL,
// never logged.
const SESSION_KEY = 'gridwatch.session';
const DEVICE_PAGE = 1000;
const DEVICE_PAGES_AT_ONCE = 4;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

let unauthorizedHandler = () => {};

/** Called when the server no longer accepts the token (expired): the page shows the log-in form again. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** The server refused the token (HTTP 401, or the websocket's 4401): forget it and log in again. */
export function expireSession() {
  logout();
  unauthorizedHandler();
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

export function logout() {
  sessionStorage.removeItem(SESSION_KEY);
}

export async function login(username, password) {
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error, body.message);
  const started = { token: body.token, role: body.role, unit: body.unit, username };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(started));
  return started;
}

async function request(method, path, body) {
  const headers = {};
  const current = session();
  if (current) headers.authorization = `Bearer ${current.token}`;
  const form = body instanceof FormData;
  // a FormData body goes as multipart, the browser writing its boundary; anything else as JSON
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const sent = body === undefined || form ? body : JSON.stringify(body);
  const response = await fetch(path, { method, headers, body: sent });
  if (response.status === 401) expireSession();
  if (!response.ok) {
    const error = await response.json().catch(() => ({}));
    throw new ApiError(response.status, error.error, error.message);
  }
  return response;
}

export async function getJson(path) {
  return (await request('GET', path)).json();
}

/** POSTs body as JSON, or as multipart when it is a FormData (photos); resolves with the JSON answer. */
export async function postJson(path, body = {}) {
  return (await request('POST', path, body)).json();
}

/** A protected image (a report's photo) as a blob: URL, so that the token goes in a header, not the URL. */
export async function blobUrl(path) {
  return URL.createObjectURL(await (await request('GET', path)).blob());
}

/** Every device the caller may see: pages fetched a few at a time until one comes back short. */
export async function allDevices() {
  const devices = [];
  for (let first = 0; ; first += DEVICE_PAGES_AT_ONCE) {
    const offsets = Array.from({ length: DEVICE_PAGES_AT_ONCE }, (_, i) => (first + i) * DEVICE_PAGE);
    const pages = await Promise.all(offsets.map((offset) => getJson(`/api/devices?limit=${DEVICE_PAGE}&offset=${offset}`)));
    for (const page of pages) {
      devices.push(...page.devices);
      if (page.devices.length < DEVICE_PAGE) return devices;
    }
  }
}
