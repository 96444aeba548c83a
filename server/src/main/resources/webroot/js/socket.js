// The live link: GET /ws, authenticated by its first message; reconnects with back-off (1 s doubling to 30 s).
// Every (re)connection starts with a snapshot that replaces what the page holds.
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const PING_EVERY_MS = 15000;
const SILENT_LIMIT_MS = 40000;
const CLOSE_BAD_AUTH = 4401;

export class AlertSocket {
  /**
   * @param token the log-in token, sent as the first message (never in the URL)
   * @param onMessage receives every snapshot and alert message
   * @param onStatus receives 'connecting' | 'live' | 'down' and, when down, the seconds until the next try
   * @param onRefused called when the server refuses the token (expired): no reconnection then
   */
  constructor(token, onMessage, onStatus, onRefused) {
    this.token = token;
    this.onMessage = onMessage;
    this.onStatus = onStatus;
    this.onRefused = onRefused;
    this.delay = FIRST_DELAY_MS;
    this.holdUntil = 0;
    this.ws = null;
    this.retry = null;
  }

  start() {
    this.connect();
    setInterval(() => this.keepAlive(), PING_EVERY_MS);
  }

  /** Closes the link as if the network dropped; no reconnection before holdMs (tests and drills). */
  drop(holdMs = 0) {
    this.holdUntil = Date.now() + holdMs;
    if (this.ws) this.ws.close();
  }

  connect() {
    this.retry = null;
    this.onStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this.ws = ws;
    this.lastHeard = Date.now();
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.token }));
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      if (event.code === CLOSE_BAD_AUTH) this.onRefused();
      else this.scheduleReconnect();
    };
  }

  receive(data) {
    this.lastHeard = Date.now();
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'snapshot') {
      this.delay = FIRST_DELAY_MS;
      this.onStatus('live');
    }
    if (message.type !== 'pong') this.onMessage(message);
  }

  scheduleReconnect() {
    this.ws = null;
    const wait = Math.max(this.delay, this.holdUntil - Date.now());
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    this.onStatus('down', Math.ceil(wait / 1000));
    this.retry = setTimeout(() => this.connect(), wait);
  }

  keepAlive() {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > SILENT_LIMIT_MS) {
      ws.close(); // a link that answers nothing is dead, even if TCP has not noticed
      return;
    }
    ws.send(JSON.stringify({ type: 'ping' }));
  }
}
