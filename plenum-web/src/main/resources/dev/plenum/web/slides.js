// Slides and files (docs/signaling.md): hosts and presenters upload a PDF, whose pages the server renders once, and
// turn its pages; everyone sees the same page. Files a host shares are listed for everyone to download.
// Page images are immutable on the server: the next and previous pages are fetched ahead, so a turn shows at once.
import { sendButton } from './controls.js';
import { say, t } from './i18n.js';
import { formatSize } from './organiser/common.js';

const $ = id => document.getElementById(id);

export class Slides {
  constructor({ send, announce, canPresent, token, room }) {
    this.send = send;
    this.announce = announce;
    this.canPresent = canPresent; // () -> whether my role may present and share (host, presenter)
    this.token = token;           // () -> my join token: it authorises uploads, page images and downloads
    this.room = room;
    this.state = null;            // {fileId, name, page, pages} or null
    this.files = [];
    this.library = [];            // hosts and presenters: every file of the room, shared or not (GET .../files)
    this.prefetched = new Map();  // url -> Image, kept so the browser keeps them decoded
    $('toggle-files').addEventListener('click', () => {
      const open = $('files-panel').hidden;
      $('files-panel').hidden = !open;
      $('toggle-files').setAttribute('aria-expanded', String(open));
      this.render();
      if (open) this.loadLibrary();
    });
    $('slides-upload').addEventListener('change', e => this.upload(e.currentTarget, 'present'));
    $('handout-upload').addEventListener('change', e => this.upload(e.currentTarget, 'share'));
    $('slide-image').addEventListener('load', e => {
      const img = e.currentTarget;
      img.dataset.loadedPage = img.dataset.page;
      window.plenumSlideLoadedAt = Date.now(); // for tests: when the page a turn asked for was on screen
    });
    $('slide-previous').addEventListener('click', () => this.turn(-1));
    $('slide-next').addEventListener('click', () => this.turn(1));
    $('slide-stop').addEventListener('click', () => this.send({ type: 'stopPresenting' }));
    // Arrow keys and Page Up/Down turn pages while the focus is on the slides (for presenters).
    $('slides-stage').addEventListener('keydown', e => {
      if (!this.canPresent() || !this.state) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); this.turn(1); }
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); this.turn(-1); }
    });
  }

  pageUrl(fileId, page) {
    return `/api/v1/rooms/${encodeURIComponent(this.room)}/files/${fileId}/pages/${page}.png?token=${encodeURIComponent(this.token())}`;
  }

  fileUrl(fileId) {
    return `/api/v1/rooms/${encodeURIComponent(this.room)}/files/${fileId}?token=${encodeURIComponent(this.token())}`;
  }

  turn(delta) {
    if (!this.state) return;
    const page = this.state.page + delta;
    if (page < 1 || page > this.state.pages) return;
    window.plenumSlideTurnAt = Date.now(); // for tests: the moment the presenter asked for the page
    this.send({ type: 'turnPage', page });
  }

  /** The server's `slides` message: what the room shows now. */
  show(message) {
    const before = this.state;
    this.state = message.fileId == null ? null : message;
    if (this.state && before?.fileId !== this.state.fileId) this.announce(t('slidesStartedAnnouncement', { name: this.state.name }));
    this.render();
  }

  /** The server's `files` message: every file shared for download. */
  shared(files) {
    const known = new Set(this.files.map(f => f.id));
    const added = files.filter(f => !known.has(f.id));
    this.files = files;
    if (this.files.length && added.length === 1) this.announce(t('fileSharedAnnouncement', { name: added[0].name }));
    this.render();
    if (!$('files-panel').hidden) this.loadLibrary();
  }

  /** Hosts and presenters see every file of the room, those the organiser added before the event included. */
  async loadLibrary() {
    if (!this.canPresent()) return;
    try {
      const res = await fetch(`/api/v1/rooms/${encodeURIComponent(this.room)}/files`,
        { headers: { Authorization: `Bearer ${this.token()}` } });
      if (!res.ok) return;
      this.library = (await res.json()).data;
      this.render();
    } catch { /* the shared files are still listed */ }
  }

  prefetch(page) {
    if (!this.state || page < 1 || page > this.state.pages) return;
    const url = this.pageUrl(this.state.fileId, page);
    if (this.prefetched.has(url)) return;
    const img = new Image();
    img.src = url;
    this.prefetched.set(url, img);
  }

  render() {
    const s = this.state;
    $('slides-stage').hidden = !s;
    const presenter = this.canPresent();
    $('slides-presenting').hidden = !presenter;
    $('files-upload').hidden = !presenter;
    if (s) {
      const img = $('slide-image');
      const url = this.pageUrl(s.fileId, s.page);
      if (img.dataset.src !== url) { img.dataset.src = url; img.dataset.page = String(s.page); img.src = url; }
      img.alt = t('slideAlt', { page: s.page, pages: s.pages });
      say($('slides-caption'), 'slidesCaption', { name: s.name, page: s.page, pages: s.pages });
      $('slide-previous').disabled = s.page <= 1;
      $('slide-next').disabled = s.page >= s.pages;
      this.prefetch(s.page + 1);
      this.prefetch(s.page - 1);
    }
    const list = $('files-list');
    const shared = new Set(this.files.map(f => f.id));
    const shown = presenter ? [...this.files, ...this.library.filter(f => !shared.has(f.id))] : this.files;
    if (!shown.length) {
      const none = document.createElement('li');
      none.textContent = t('noSharedFiles');
      list.replaceChildren(none);
    } else {
      list.replaceChildren(...shown.map(f => {
        const li = document.createElement('li');
        const link = document.createElement('a');
        link.href = this.fileUrl(f.id);
        link.download = f.name;
        link.textContent = f.name;
        const size = document.createElement('span');
        size.textContent = ` (${t('fileSize', { size: formatSize(f.size) })})`;
        li.append(link, size);
        if (presenter && f.type === 'pdf' && f.pages > 0) {
          li.append(' ', sendButton(t('presentThis', { name: f.name }), this.send, { type: 'presentFile', fileId: f.id }));
        }
        if (presenter && !shared.has(f.id)) {
          li.append(' ', sendButton(t('shareThis', { name: f.name }), this.send, { type: 'shareFile', fileId: f.id, shared: true }));
        }
        return li;
      }));
    }
  }

  /** Sends the chosen file with its progress shown, then presents it (a PDF) or shares it for download. */
  upload(input, then) {
    const file = input.files?.[0];
    if (!file) return;
    const progress = $('upload-progress');
    const status = $('upload-status');
    progress.value = 0;
    $('upload-progress-row').hidden = false;
    say(status, 'uploading', { name: file.name });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/rooms/${encodeURIComponent(this.room)}/files?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${this.token()}`);
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText || '{}'); } catch { /* not JSON: the status says enough */ }
      input.value = '';
      if (xhr.status !== 201) {
        say(status, 'uploadFailed', { name: file.name, reason: body.message || xhr.statusText || String(xhr.status) });
        return;
      }
      progress.value = 100;
      say(status, 'uploadDone', { name: file.name });
      if (then === 'present' && body.type === 'pdf') this.send({ type: 'presentFile', fileId: body.id });
      else this.send({ type: 'shareFile', fileId: body.id, shared: true });
    });
    xhr.addEventListener('error', () => {
      input.value = '';
      say(status, 'uploadFailed', { name: file.name, reason: t('networkError') });
    });
    xhr.send(file);
  }
}
