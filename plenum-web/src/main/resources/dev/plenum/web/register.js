// The public registration page, /register/<room>: the event's name and time (in the event's zone and the
// visitor's own), a form with a label for every field; errors are announced through the status live region and
// tied to their fields with aria-describedby and aria-invalid.
import { currentLanguage, loadMessages, onLanguageChange, say, setUpLanguageMenu, t } from './i18n.js';

const $ = id => document.getElementById(id);
const room = decodeURIComponent(location.pathname.split('/')[2] || '');
let form = null; // what GET /api/v1/public/registrations/<room> answered

function formatTime(isoUtc, zone) {
  return new Intl.DateTimeFormat(currentLanguage(), {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit',
    timeZone: zone, timeZoneName: 'short',
  }).format(new Date(isoUtc));
}

function renderTimes() {
  if (!form) return;
  $('time-event').textContent = `${formatTime(form.startsAtUtc, form.timeZone)} (${form.timeZone})`;
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  $('time-local').textContent = `${formatTime(form.startsAtUtc, here)} (${here})`;
  $('event-times').hidden = false;
}

function renderFields() {
  const box = $('extra-fields');
  box.replaceChildren();
  form.fields.forEach(f => {
    const id = `answer-${f.key}`;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = f.required ? `${f.label} *` : f.label;
    const input = document.createElement('input');
    input.type = 'text';
    input.id = id;
    input.name = f.key;
    input.maxLength = 500;
    input.dataset.answer = f.key;
    if (f.required) { input.required = true; input.setAttribute('aria-required', 'true'); }
    input.setAttribute('aria-describedby', `${id}-error`);
    const error = document.createElement('p');
    error.id = `${id}-error`;
    error.className = 'error';
    wrap.append(label, input, error);
    box.append(wrap);
  });
}

function inputFor(field) {
  if (field === 'name') return $('reg-name');
  if (field === 'email') return $('reg-email');
  if (field.startsWith('answers.')) return document.getElementById(`answer-${field.slice(8)}`);
  return null;
}

function clearErrors() {
  document.querySelectorAll('#register-form input').forEach(input => {
    input.removeAttribute('aria-invalid');
    $(`${input.id}-error`).textContent = '';
  });
  $('register-status').textContent = '';
}

function showErrors(fields) {
  let first = null;
  const shown = [];
  for (const { field, message } of fields) {
    const input = inputFor(field);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    $(`${input.id}-error`).textContent = message;
    shown.push(message);
    first = first || input;
  }
  say($('register-status'), 'registerErrors', { count: shown.length || 1 });
  if (first) first.focus();
}

function localChecks() {
  const faults = [];
  const name = $('reg-name').value.trim();
  const email = $('reg-email').value.trim();
  if (!name) faults.push({ field: 'name', key: 'nameRequired' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) faults.push({ field: 'email', key: 'registerEmailInvalid' });
  form.fields.forEach(f => {
    if (f.required && !document.getElementById(`answer-${f.key}`).value.trim()) {
      faults.push({ field: `answers.${f.key}`, key: 'registerFieldRequired', params: { field: f.label } });
    }
  });
  return faults;
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const faults = localChecks();
  if (faults.length) {
    showErrors(faults.map(f => ({ field: f.field, message: t(f.key, f.params) })));
    return;
  }
  const answers = {};
  document.querySelectorAll('[data-answer]').forEach(input => {
    if (input.value.trim()) answers[input.dataset.answer] = input.value.trim();
  });
  const button = $('register-submit');
  button.disabled = true;
  try {
    const res = await fetch(`/api/v1/public/registrations/${encodeURIComponent(room)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // the page's language is the language of every mail this registration gets
      body: JSON.stringify({ name: $('reg-name').value.trim(), email: $('reg-email').value.trim(), answers,
        language: currentLanguage() }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status === 201) {
      $('register-form').hidden = true;
      say($('register-status'), body.status === 'pending' ? 'registerPending' : 'registerDone');
    } else if (res.status === 409) {
      showErrors([{ field: 'email', message: body.message }]);
    } else if (res.status === 429) {
      say($('register-status'), 'registerTooMany');
    } else if (body.fields && body.fields.length) {
      showErrors(body.fields);
    } else {
      say($('register-status'), 'registerFailed', { reason: body.message || res.status });
    }
  } catch (e) {
    say($('register-status'), 'registerFailed', { reason: e.message });
  } finally {
    button.disabled = false;
  }
}

async function start() {
  await loadMessages();
  setUpLanguageMenu($('language'));
  onLanguageChange(() => { renderTimes(); if (form) document.title = form.name; });
  const res = await fetch(`/api/v1/public/registrations/${encodeURIComponent(room)}`);
  if (!res.ok) {
    say($('register-status'), 'registerClosed');
    document.documentElement.dataset.ready = 'true';
    return;
  }
  form = await res.json();
  $('event-name').removeAttribute('data-i18n');
  $('event-name').textContent = form.name;
  document.title = form.name;
  renderTimes();
  renderFields();
  $('register-form').hidden = false;
  $('register-form').addEventListener('submit', submit);
  document.documentElement.dataset.ready = 'true'; // tests wait for this before typing
}

start();
