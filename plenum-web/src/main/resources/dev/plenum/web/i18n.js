// Message bundles: every string the client shows comes from /static/i18n/<lang>.json.
const SUPPORTED = ['en'];
let messages = {};

export async function loadMessages() {
  const wanted = (navigator.languages || [navigator.language || 'en']).map(l => l.slice(0, 2));
  const lang = wanted.find(l => SUPPORTED.includes(l)) || 'en';
  const res = await fetch(`/static/i18n/${lang}.json`);
  messages = await res.json();
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
}

export function t(key, params = {}) {
  const template = messages[key];
  if (template === undefined) { console.warn('missing message', key); return key; }
  return template.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}
