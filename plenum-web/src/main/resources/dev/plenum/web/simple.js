// Simple mode: only the essential controls, larger, in plain words — for young pupils, and for anyone who wants
// less on the screen. A personal choice kept in this browser. Controls that are not essential carry
// data-advanced and are hidden; controls with data-i18n-simple switch to their plain wording.
import { say } from './i18n.js';

const STORAGE_KEY = 'plenum.simpleMode';

export function setUpSimpleMode(button) {
  let on = false;
  try { on = localStorage.getItem(STORAGE_KEY) === 'true'; } catch { /* storage may be disabled */ }
  apply(button, on);
  button.addEventListener('click', () => {
    const next = button.getAttribute('aria-pressed') !== 'true';
    try { localStorage.setItem(STORAGE_KEY, String(next)); } catch { /* lasts for this page only */ }
    apply(button, next);
  });
}

function apply(button, on) {
  button.setAttribute('aria-pressed', String(on));
  document.body.classList.toggle('simple', on);
  for (const el of document.querySelectorAll('[data-i18n-simple]')) {
    el.dataset.i18nRegular ??= el.dataset.i18n;
    say(el, on ? el.dataset.i18nSimple : el.dataset.i18nRegular);
  }
}
