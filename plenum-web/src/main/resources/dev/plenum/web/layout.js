import { t } from './i18n.js';

// How the tiles are laid out (gallery or speaker view, a pinned person), and the size each of the others' videos
// is shown at, told to the server (docs/signaling.md `tileSizes`): a video nobody on this page can see is not
// forwarded to it, which spares the link for what is seen.
const REPORT_DELAY_MS = 300;

export class Layout {
  constructor({ list, toggle, send }) {
    this.list = list;
    this.toggle = toggle;
    this.send = send;
    this.speakerView = false;
    this.pinned = null;
    this.onScreen = new Map(); // participant id -> whether its tile intersects the viewport
    this.lastReport = '';
    this.timer = null;
    this.resized = new ResizeObserver(() => this.schedule());
    this.intersections = new IntersectionObserver(entries => {
      for (const e of entries) this.onScreen.set(e.target.dataset.participant, e.isIntersecting);
      this.schedule();
    });
    toggle.addEventListener('click', () => {
      this.speakerView = !this.speakerView;
      toggle.setAttribute('aria-pressed', String(this.speakerView));
      this.arrange();
    });
    document.addEventListener('visibilitychange', () => this.schedule());
  }

  // A remote tile gets a pin button; every tile is watched for its size and whether it is on screen.
  decorate(li, person, isMe) {
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
        this.pinned = this.pinned === person.id ? null : person.id;
        this.arrange();
      });
      li.append(pin);
    }
    pin.querySelector('.visually-hidden').textContent = t('pinPerson', { name: person.name });
    pin.setAttribute('aria-pressed', String(this.pinned === person.id));
  }

  // The featured tile is shown large and first: the pinned person, or in speaker view whoever speaks.
  arrange(activeSpeaker = this.activeSpeaker) {
    this.activeSpeaker = activeSpeaker;
    const tiles = [...this.list.children];
    if (this.pinned && !tiles.some(li => li.dataset.participant === this.pinned)) this.pinned = null;
    const remote = tiles.filter(li => li.querySelector('button.pin'));
    let featured = this.pinned;
    if (!featured && this.speakerView) {
      featured = remote.some(li => li.dataset.participant === activeSpeaker) ? activeSpeaker
        : remote[0]?.dataset.participant ?? null;
    }
    this.list.classList.toggle('speaker', this.speakerView);
    for (const li of tiles) {
      li.classList.toggle('featured', li.dataset.participant === featured);
      li.querySelector('button.pin')?.setAttribute('aria-pressed', String(li.dataset.participant === this.pinned));
    }
    this.schedule();
  }

  forget(participantId) {
    this.onScreen.delete(participantId);
    if (this.pinned === participantId) this.pinned = null;
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
      const seen = visible && this.onScreen.get(li.dataset.participant) !== false && !this.list.closest('[hidden]');
      tiles.push({ participantId: li.dataset.participant,
        width: seen ? Math.round(video.clientWidth * scale) : 0, height: seen ? Math.round(video.clientHeight * scale) : 0 });
    }
    const text = JSON.stringify(tiles);
    if (text === this.lastReport) return;
    this.lastReport = text;
    this.send({ type: 'tileSizes', tiles });
  }
}
