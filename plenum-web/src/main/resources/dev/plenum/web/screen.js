// Sharing one's screen (docs/signaling.md, "Screen sharing"). The page captures the screen with getDisplayMedia and
// asks the server to share it; the server then offers a slot for it (mid "screen") and the page sends the capture
// there as a second video beside the camera, tuned for text: contentHint "detail" and the degradation preference
// "maintain-resolution", so a poor link lowers the frame rate and never the readability.
export const SCREEN_MID = 'screen';

export function canShareScreen() {
  return typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

export class ScreenShare {
  // button: the "Share screen" toggle; send(msg): a signaling message; onChange(): the sharing state changed here.
  constructor({ button, send, onChange }) {
    this.button = button;
    this.send = send;
    this.onChange = onChange;
    this.track = null;
    this.pending = false; // asked the server; its screenShare naming this page has not come yet
    button.addEventListener('click', () => (this.track ? this.stop() : this.start()));
  }

  get sharing() {
    return this.track !== null;
  }

  async start() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({
        video: { width: { max: 1920 }, height: { max: 1080 }, frameRate: { max: 15 } }, audio: false });
    } catch {
      return; // the person chose nothing, or the browser refused
    }
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    track.contentHint = 'detail';
    track.addEventListener('ended', () => this.stop()); // the browser's own "Stop sharing"
    this.track = track;
    this.pending = true;
    this.show();
    this.send({ type: 'shareScreen', on: true });
  }

  // Stops the capture; tells the server unless it is the server that ended the share (replaced, refused, demoted).
  stop(tellServer = true) {
    if (!this.track) return;
    const track = this.track;
    this.track = null;
    this.pending = false;
    track.stop();
    this.show();
    if (tellServer) this.send({ type: 'shareScreen', on: false });
  }

  // The server names who shares now: this page (the share is confirmed) or someone else (this page's share is over).
  // Returns true when this page's own share ended here because of it.
  sharerChanged(isMe) {
    if (isMe) { this.pending = false; return false; }
    if (!this.track || this.pending) return false; // an event from before this page's request
    this.stop(false);
    return true;
  }

  // Before answering an offer: the screen slot sends the capture while sharing, nothing otherwise.
  async attach(pc) {
    const transceiver = pc.getTransceivers().find(tr => tr.mid === SCREEN_MID);
    if (!transceiver) return;
    await transceiver.sender.replaceTrack(this.track);
    transceiver.direction = this.track ? 'sendonly' : 'inactive';
  }

  // After the answer is applied (the sender's encodings exist then): keep the resolution, drop frames instead.
  async tune(pc) {
    const sender = pc.getTransceivers().find(tr => tr.mid === SCREEN_MID)?.sender;
    if (!sender?.track) return;
    const parameters = sender.getParameters();
    if (parameters.degradationPreference === 'maintain-resolution') return;
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters).catch(() => { /* an older browser: its default then */ });
  }

  show() {
    this.button.setAttribute('aria-pressed', String(this.sharing));
    // While sharing, the control stays in simple view too: it is the way to stop.
    this.button.toggleAttribute('data-advanced', !this.sharing);
    this.onChange();
  }
}
