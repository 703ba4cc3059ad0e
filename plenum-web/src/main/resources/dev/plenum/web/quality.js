// Watches how the incoming sound fares. When a link is too poor to carry video (heavy loss of the sound for
// several seconds in a row), the page falls back to audio only by itself, so people keep hearing each other.
const WINDOW_MS = 2000;
const POOR_WINDOWS = 3; // 6 s in a row: a single burst, such as the gap after a network drop, does not count
const POOR_LOSS = 0.1;
const MIN_PACKETS = 40; // sound packets expected per window for a loss figure to mean anything

export class LinkWatch {
  // connection(): the RTCPeerConnection or null; watching(): whether video is on, so falling back would help.
  // A poor link often makes ICE drop and resume too, so the count goes on across reconnects.
  constructor({ connection, watching, onPoorLink }) {
    this.connection = connection;
    this.watching = watching;
    this.onPoorLink = onPoorLink;
    this.last = null;
    this.poor = 0;
    setInterval(() => this.check().catch(() => {}), WINDOW_MS);
  }

  async check() {
    const pc = this.connection();
    if (!pc || !this.watching()) { this.last = null; this.poor = 0; return; }
    let received = 0, lost = 0;
    (await pc.getStats()).forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') { received += s.packetsReceived || 0; lost += Math.max(0, s.packetsLost || 0); }
    });
    const last = this.last;
    this.last = { received, lost };
    if (!last) return;
    const dReceived = received - last.received, dLost = lost - last.lost;
    const expected = dReceived + dLost;
    if (expected < MIN_PACKETS) return; // nothing arrived (the network is down): no figure, keep the count
    this.poor = dLost / expected >= POOR_LOSS ? this.poor + 1 : 0;
    if (this.poor >= POOR_WINDOWS) { this.poor = 0; this.onPoorLink(); }
  }
}
