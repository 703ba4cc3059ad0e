// The signaling WebSocket (docs/signaling.md): join with a token, resume with a resume token after a drop.
export class Signaling extends EventTarget {
  constructor(token) {
    super();
    this.token = token;
    this.resumeToken = null;
    this.graceMs = 20000;
    this.leaving = false;
  }

  connect() {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.resumeToken ? `resume=${encodeURIComponent(this.resumeToken)}` : `token=${encodeURIComponent(this.token)}`;
    const ws = new WebSocket(`${proto}://${location.host}/ws?${query}`);
    this.ws = ws;
    ws.onmessage = e => {
      const msg = JSON.parse(e.data);
      if (msg.type === 'welcome') { this.resumeToken = msg.resumeToken; this.graceMs = msg.reconnectGraceMs; this.lostAt = null; }
      this.dispatchEvent(new CustomEvent(msg.type, { detail: msg }));
    };
    ws.onclose = e => {
      if (ws !== this.ws) return;
      if (this.leaving || e.code === 1000) { this.dispatchEvent(new CustomEvent('closed', { detail: e })); return; }
      if (e.code >= 4400 && e.code < 4500 || e.code === 4410) { this.dispatchEvent(new CustomEvent('refused', { detail: e })); return; }
      this.reconnectLater();
    };
  }

  reconnectLater() {
    if (!this.resumeToken) { this.dispatchEvent(new CustomEvent('refused', { detail: { reason: 'connection failed' } })); return; }
    this.lostAt ??= Date.now();
    if (Date.now() - this.lostAt > this.graceMs) { this.dispatchEvent(new CustomEvent('refused', { detail: { reason: 'timeout' } })); return; }
    this.dispatchEvent(new CustomEvent('reconnecting'));
    setTimeout(() => this.connect(), 1000);
  }

  send(msg) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  leave() {
    this.leaving = true;
    this.send({ type: 'leave' });
    setTimeout(() => this.ws.close(1000), 200);
  }
}
