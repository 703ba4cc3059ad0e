// Watches how the incoming sound fares. When a link is too poor to carry video (sound lost in every one of several
// windows in a row, and heavily overall), the page falls back to audio only by itself, so people keep hearing each
// other.
const WINDOW_MS = 2000;
const WINDOWS = 3; // 6 s
const POOR_LOSS = 0.1; // over the windows together
const STEADY_LOSS = 0.05; // in each window: a single burst, such as the gap after a network drop, does not count
const MIN_PACKETS = 40; // sound packets expected per window for a loss figure to mean anything

export class LinkWatch {
  // connection(): the RTCPeerConnection or null; watching(): whether video is on, so falling back would help.
  // A poor link often makes ICE drop and resume too, so the windows are kept across reconnects.
  constructor({ connection, watching, onPoorLink }) {
    this.connection = connection;
    this.watching = watching;
    this.onPoorLink = onPoorLink;
    this.last = null;
    this.windows = []; // the latest windows with enough packets: {lost, expected}
    setInterval(() => this.check().catch(() => {}), WINDOW_MS);
  }

  async check() {
    const pc = this.connection();
    if (!pc || !this.watching()) { this.last = null; this.windows = []; return; }
    let received = 0, lost = 0;
    (await pc.getStats()).forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') { received += s.packetsReceived || 0; lost += Math.max(0, s.packetsLost || 0); }
    });
    const last = this.last;
    this.last = { received, lost };
    if (!last) return;
    const dLost = lost - last.lost, expected = received - last.received + dLost;
    if (expected < MIN_PACKETS) return; // nothing arrived (the network is down): no figure, keep the others
    this.windows.push({ lost: dLost, expected });
    if (this.windows.length > WINDOWS) this.windows.shift();
    if (this.windows.length < WINDOWS || this.windows.some(w => w.lost / w.expected < STEADY_LOSS)) return;
    const total = this.windows.reduce((sum, w) => ({ lost: sum.lost + w.lost, expected: sum.expected + w.expected }));
    if (total.lost / total.expected >= POOR_LOSS) { this.windows = []; this.onPoorLink(); }
  }
}
