// Message bundles: every string the client shows comes from /static/i18n/<lang>.json.
// The language is the person's own choice (kept in this browser), else the browser's preferred one, else English.
export const LANGUAGES = { en: 'English', pl: 'Polski', de: 'Deutsch', fr: 'Français' };
const STORAGE_KEY = 'plenum.language';
let messages = {};
let current = 'en';
const listeners = [];

function preferredLanguage() {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage may be disabled */ }
  if (stored && LANGUAGES[stored]) return stored;
  const wanted = (navigator.languages || [navigator.language || 'en']).map(l => l.slice(0, 2).toLowerCase());
  return wanted.find(l => LANGUAGES[l]) || 'en';
}

export async function loadMessages(lang = preferredLanguage()) {
  const res = await fetch(`/static/i18n/${lang}.json`);
  messages = await res.json();
  current = lang;
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(el => {
    el.textContent = t(el.dataset.i18n, el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : {});
  });
  listeners.forEach(listener => listener(lang));
}

/** Switches the page to another language and remembers the choice in this browser. */
export async function chooseLanguage(lang) {
  if (!LANGUAGES[lang] || lang === current) return;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* the choice then lasts for this page only */ }
  await loadMessages(lang);
}

export function currentLanguage() { return current; }

/** Fills the header's language menu: one option per bundle, the current language chosen, a change switches. */
export function setUpLanguageMenu(select) {
  for (const [code, name] of Object.entries(LANGUAGES)) {
    const option = document.createElement('option');
    option.value = code; option.lang = code; option.textContent = name;
    select.append(option);
  }
  select.value = current;
  select.addEventListener('change', () => chooseLanguage(select.value));
  onLanguageChange(lang => { select.value = lang; });
}

/** Called after every (re)load of the messages, so text built by code can be rebuilt in the new language. */
export function onLanguageChange(listener) { listeners.push(listener); }

/** Shows a message in an element and keeps its key, so a language switch re-translates it in place. */
export function say(el, key, params) {
  el.dataset.i18n = key;
  if (params) el.dataset.i18nParams = JSON.stringify(params); else delete el.dataset.i18nParams;
  el.textContent = t(key, params);
}

export function t(key, params = {}) {
  const template = messages[key];
  if (template === undefined) { console.warn('missing message', key); return key; }
  return template.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}
