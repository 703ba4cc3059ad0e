import { t } from './i18n.js';

// How the tiles are laid out (gallery or speaker view, a pinned person or screen, the screen share view), and the
// size each of the others' videos is shown at, told to the server (docs/signaling.md `tileSizes`): a video nobody on
// this page can see is not forwarded to it, which spares the link for what is seen. Each tile has a key
// (data-key): a person's id for their camera, "screen:" and their id for their shared screen (data-screen).
const REPORT_DELAY_MS = 300;

export class Layout {
  constructor({ list, toggle, send }) {
    this.list = list;
    this.toggle = toggle;
    this.send = send;
    this.speakerView = false;
    this.pinned = null;
    this.onScreen = new Map(); // tile key -> whether the tile intersects the viewport
    this.lastReport = '';
    this.timer = null;
    this.resized = new ResizeObserver(() => this.schedule());
    this.intersections = new IntersectionObserver(entries => {
      for (const e of entries) this.onScreen.set(e.target.dataset.key, e.isIntersecting);
      this.schedule();
    });
    toggle.addEventListener('click', () => {
      this.speakerView = !this.speakerView;
      toggle.setAttribute('aria-pressed', String(this.speakerView));
      this.arrange();
    });
    document.addEventListener('visibilitychange', () => this.schedule());
  }

  // A remote tile gets a pin button (pinLabel names what it pins); every tile is watched for its size and whether it
  // is on screen.
  decorate(li, pinLabel, isMe) {
    if (!li.dataset.watched) {
      li.dataset.watched = 'true';
      this.resized.observe(li);
      this.intersections.observe(li);
    }
    if (isMe) return;
    let pin = li.querySelector('button.pin');
    if (!pin) {
      pin = document.createElement('button');
      pin.type = 'button';
      pin.className = 'pin';
      pin.dataset.advanced = ''; // simple mode keeps to the essential controls
      const symbol = document.createElement('span');
      symbol.setAttribute('aria-hidden', 'true');
      symbol.textContent = '📌';
      const label = document.createElement('span');
      label.className = 'visually-hidden';
      pin.append(symbol, label);
      pin.addEventListener('click', () => {
        this.pinned = this.pinned === li.dataset.key ? null : li.dataset.key;
        this.arrange();
      });
      li.append(pin);
    }
    pin.querySelector('.visually-hidden').textContent = pinLabel;
    pin.setAttribute('aria-pressed', String(this.pinned === li.dataset.key));
  }

  // The featured tile is shown large and first: the pinned tile; else a shared screen (the screen share view, with
  // the cameras in a strip); else in speaker view whoever speaks.
  arrange(activeSpeaker = this.activeSpeaker) {
    this.activeSpeaker = activeSpeaker;
    const tiles = [...this.list.children];
    if (this.pinned && !tiles.some(li => li.dataset.key === this.pinned)) this.pinned = null;
    const remote = tiles.filter(li => li.querySelector('button.pin'));
    const screen = tiles.find(li => 'screen' in li.dataset);
    let featured = this.pinned ?? screen?.dataset.key ?? null;
    if (!featured && this.speakerView) {
      featured = remote.some(li => li.dataset.key === activeSpeaker) ? activeSpeaker : remote[0]?.dataset.key ?? null;
    }
    this.list.classList.toggle('speaker', this.speakerView && !screen);
    this.list.classList.toggle('screen-share', Boolean(screen));
    for (const li of tiles) {
      li.classList.toggle('featured', li.dataset.key === featured);
      li.querySelector('button.pin')?.setAttribute('aria-pressed', String(li.dataset.key === this.pinned));
    }
    this.schedule();
  }

  forget(key) {
    this.onScreen.delete(key);
    if (this.pinned === key) this.pinned = null;
  }

  // After a renegotiation the server's legs are new: tell it the sizes again even if nothing changed here.
  resend() {
    this.lastReport = '';
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.report(), REPORT_DELAY_MS);
  }

  report() {
    const visible = document.visibilityState === 'visible';
    const scale = window.devicePixelRatio || 1;
    const tiles = [];
    for (const li of this.list.children) {
      const video = li.querySelector('video');
      if (!video || !li.querySelector('button.pin')) continue; // one's own tile is not received
      const seen = visible && this.onScreen.get(li.dataset.key) !== false && !this.list.closest('[hidden]');
      const tile = { participantId: li.dataset.participant,
        width: seen ? Math.round(video.clientWidth * scale) : 0, height: seen ? Math.round(video.clientHeight * scale) : 0 };
      if ('screen' in li.dataset) tile.source = 'screen';
      tiles.push(tile);
    }
    const text = JSON.stringify(tiles);
    if (text === this.lastReport) return;
    this.lastReport = text;
    this.send({ type: 'tileSizes', tiles });
  }
}
