// The signaling WebSocket (docs/signaling.md): join with a token, resume with a resume token after a drop.
// A network drop rarely closes a socket quickly, so the page pings every second and takes a silent server (no
// message for SILENCE_MS) for a lost connection, as the server does with a silent page.
const PING_MS = 1000;
const SILENCE_MS = 3000;
const CONNECT_TIMEOUT_MS = 2000; // a connection attempt made while the network is down waits for TCP's retries
const RETRY_MS = 500;

export class Signaling extends EventTarget {
  constructor(token) {
    super();
    this.token = token;
    this.resumeToken = null;
    this.graceMs = 20000;
    this.leaving = false;
    this.lostAt = null;
    this.timer = null;
  }

  connect() {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.resumeToken ? `resume=${encodeURIComponent(this.resumeToken)}` : `token=${encodeURIComponent(this.token)}`;
    const ws = new WebSocket(`${proto}://${location.host}/ws?${query}`);
    this.ws = ws;
    this.lastHeard = Date.now();
    const attempt = setTimeout(() => { if (ws === this.ws && ws.readyState === WebSocket.CONNECTING) this.lost(); }, CONNECT_TIMEOUT_MS);
    ws.onopen = () => clearTimeout(attempt);
    ws.onmessage = e => {
      if (ws !== this.ws) return;
      this.lastHeard = Date.now();
      const msg = JSON.parse(e.data);
      if (msg.type === 'welcome') {
        const resumed = this.lostAt !== null;
        this.resumeToken = msg.resumeToken; this.graceMs = msg.reconnectGraceMs; this.lostAt = null;
        msg.resumed = resumed;
      }
      this.dispatchEvent(new CustomEvent(msg.type, { detail: msg }));
    };
    ws.onclose = e => {
      clearTimeout(attempt);
      if (ws !== this.ws) return;
      if (this.leaving || e.code === 1000) { this.stopWatching(); this.dispatchEvent(new CustomEvent('closed', { detail: e })); return; }
      // 4408: the server heard nothing for too long, as after a network drop: come back like after any drop.
      if (e.code >= 4400 && e.code < 4500 && e.code !== 4408) { this.stopWatching(); this.dispatchEvent(new CustomEvent('refused', { detail: e })); return; }
      this.lost();
    };
    this.watch();
  }

  // Pings keep the server's silence limit from expiring and prove the server still answers.
  watch() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastHeard > SILENCE_MS) { this.lost(); return; }
      this.send({ type: 'ping' });
    }, PING_MS);
  }

  stopWatching() {
    clearInterval(this.timer);
    this.timer = null;
  }

  // The connection is gone or useless (the socket dropped, the server fell silent, or the media path failed):
  // drop it and come back with the resume token until the grace period ends.
  lost() {
    const old = this.ws;
    this.ws = null;
    if (old && old.readyState <= WebSocket.OPEN) { try { old.close(4000, 'reconnecting'); } catch { /* already closing */ } }
    if (!this.resumeToken) { this.stopWatching(); this.dispatchEvent(new CustomEvent('refused', { detail: { reason: 'connection failed' } })); return; }
    const first = this.lostAt === null;
    this.lostAt ??= Date.now();
    if (Date.now() - this.lostAt > this.graceMs) { this.stopWatching(); this.dispatchEvent(new CustomEvent('refused', { detail: { reason: 'timeout' } })); return; }
    if (first) this.dispatchEvent(new CustomEvent('reconnecting'));
    setTimeout(() => { if (!this.ws && !this.leaving) this.connect(); }, first ? 0 : RETRY_MS);
  }

  // Asks for a fresh path (an ICE restart, which the server offers on every resume) unless one is under way.
  reconnect() {
    if (this.lostAt === null && this.ws) this.lost();
  }

  send(msg) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  leave() {
    this.leaving = true;
    this.stopWatching();
    this.send({ type: 'leave' });
    const ws = this.ws;
    setTimeout(() => ws?.close(1000), 200);
  }
}
