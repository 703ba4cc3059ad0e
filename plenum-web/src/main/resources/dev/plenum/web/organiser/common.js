// What every organiser page shares: the language menu, the signed-in member (GET /api/v1/me, whose CSRF token every
// change must carry in X-CSRF-Token), signing out, calls to the REST API, and showing the API's field errors next to
// their fields (aria-invalid, aria-describedby) with a summary in the page's live region.
import { currentLanguage, loadMessages, say, setUpLanguageMenu, t } from '../i18n.js';

export const $ = id => document.getElementById(id);
let csrfToken = null;

/** Loads the messages and the header; on pages for members, the signed-in member (else off to the sign-in page). */
export async function startPage({ member = true } = {}) {
  await loadMessages();
  setUpLanguageMenu($('language'));
  if (!member) return null;
  const res = await fetch('/api/v1/me', { credentials: 'same-origin' });
  if (res.status === 401) { toSignIn(); return new Promise(() => {}); } // the page is leaving
  const me = await res.json();
  csrfToken = me.csrfToken;
  $('who').textContent = `${me.member?.name ?? ''} · ${me.organisation.name}`;
  $('sign-out').hidden = false;
  $('sign-out').addEventListener('click', signOut);
  return me;
}

function toSignIn() {
  location.assign(`/organiser/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
}

async function signOut() {
  await api('POST', '/api/v1/logout');
  location.assign('/organiser/sign-in?signedOut=1');
}

/** A JSON call to the REST API with the session cookie (and the CSRF token for changes): {status, body}. */
export async function api(method, path, body, headers = {}) {
  const init = { method, credentials: 'same-origin', headers: { ...headers } };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrfToken ?? '';
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  if (res.status === 401 && path !== '/api/v1/login') { toSignIn(); return new Promise(() => {}); }
  const text = await res.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { message: text }; }
  return { status: res.status, body: json, headers: res.headers };
}

/** Every page of a paged list (data, nextCursor). */
export async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body } = await api('GET', `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (status !== 200) throw new Error(body.message || String(status));
    items.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

export function csrf() { return csrfToken; }

/** Clears the marks of a form's fields (inputs whose error paragraph is `<id>-error`). */
export function clearErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.error').forEach(el => { el.textContent = ''; });
}

/**
 * Shows each {field, message} of an API answer next to its field (`inputFor(field)` finds it; its error paragraph is
 * `<id>-error`, or the one its `data-error` names) and says how many in `status`; the first field gets the focus. Messages the form cannot place are shown in the status itself.
 */
export function showErrors(fields, inputFor, status) {
  let first = null;
  const unplaced = [];
  for (const { field, message } of fields) {
    const input = inputFor(field);
    if (!input) { unplaced.push(message); continue; }
    input.setAttribute('aria-invalid', 'true');
    const error = $(input.dataset.error || `${input.id}-error`);
    if (error) error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
    first = first || input;
  }
  say(status, 'registerErrors', { count: fields.length });
  if (unplaced.length) status.textContent += ` ${unplaced.join(' ')}`;
  if (first) first.focus();
}

/** A date and time in the viewer's language, in the given zone, named after it (the viewer's own when absent). */
export function formatWhen(iso, zone) {
  const text = new Intl.DateTimeFormat(currentLanguage(), {
    weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone,
  }).format(new Date(iso));
  return zone ? `${text} (${zone.replaceAll('_', ' ')})` : text;
}

export function formatTime(when) {
  return new Intl.DateTimeFormat(currentLanguage(), { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(when));
}

export function formatSize(bytes) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The full join link of a room. */
export function joinLink(roomName) {
  return `${location.origin}/${roomName}`;
}

/** Copies text, announcing the result in `status` (the Clipboard API, else a selected read-only field). */
export async function copy(text, field, status) {
  try {
    await navigator.clipboard.writeText(text);
    say(status, 'linkCopied');
  } catch {
    field?.select();
    const done = document.execCommand?.('copy');
    say(status, done ? 'linkCopied' : 'linkCopyByHand');
  }
}

/** Tests wait for this before typing. */
export function ready() {
  document.documentElement.dataset.ready = 'true';
}

export { say, t };
