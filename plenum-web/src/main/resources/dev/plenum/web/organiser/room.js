// One room for its organiser: the form that schedules it or changes it (the API's field errors shown at their
// fields), and for a room that exists its join link, registration settings and registrants, files and sessions.
import { $, all, api, clearErrors, copy, csrf, formatSize, formatWhen, joinLink, ready, say, showErrors, startPage, t }
  from './common.js';

const parts = location.pathname.split('/').filter(Boolean); // organiser, rooms, new | <id>
const id = parts[2] === 'new' ? null : parts[2];
const status = $('status');
let conference = null;

// ---- settings ----
const FIELD_INPUTS = { name: 'room-name', roomType: 'kind-meeting', permanentRoom: 'when-permanent', startsAt: 'starts-at',
  durationMinutes: 'duration', timeZone: 'time-zone', accessType: 'access-open', password: 'room-password', lobbyEnabled: 'lobby' };

function checked(name) {
  return document.querySelector(`input[name=${name}]:checked`)?.value;
}

function check(name, value) {
  const input = document.querySelector(`input[name=${name}][value="${value}"]`);
  if (input) input.checked = true;
}

function showDependentFields() {
  $('schedule-fields').hidden = checked('timing') !== 'scheduled';
  $('password-fields').hidden = checked('accessType') !== 'password';
  const keeps = conference?.accessType === 'password';
  say($('room-password-hint'), keeps ? 'passwordKeepHint' : 'passwordHint');
}

function fillTimeZones(selected) {
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  if (!zones.includes(selected)) zones.unshift(selected);
  $('time-zone').replaceChildren(...zones.map(zone => {
    const option = document.createElement('option');
    option.value = zone;
    option.textContent = zone.replaceAll('_', ' ');
    return option;
  }));
  $('time-zone').value = selected;
}

function fillForm(c) {
  $('room-name').value = c.name;
  check('roomType', c.roomType);
  check('timing', c.permanentRoom ? 'permanent' : 'scheduled');
  if (!c.permanentRoom) {
    $('starts-at').value = c.startsAt.slice(0, 16);
    $('duration').value = c.durationMinutes;
    fillTimeZones(c.timeZone);
  }
  check('accessType', c.accessType);
  $('lobby').checked = c.lobbyEnabled;
  showDependentFields();
}

function formBody() {
  const body = { name: $('room-name').value.trim(), roomType: checked('roomType'),
    permanentRoom: checked('timing') === 'permanent', accessType: checked('accessType'), lobbyEnabled: $('lobby').checked };
  if (!body.permanentRoom) {
    body.startsAt = $('starts-at').value || null;
    const minutes = $('duration').value.trim();
    body.durationMinutes = minutes === '' ? null : Number(minutes);
    body.timeZone = $('time-zone').value;
  }
  if (body.accessType === 'password' && $('room-password').value) body.password = $('room-password').value;
  return body;
}

async function saveRoom(event) {
  event.preventDefault();
  const form = $('room-form');
  clearErrors(form);
  status.textContent = '';
  $('save-room').disabled = true;
  try {
    const { status: code, body } = id
      ? await api('PATCH', `/api/v1/conferences/${id}`, formBody())
      : await api('POST', '/api/v1/conferences', formBody(), { 'Idempotency-Key': crypto.randomUUID() });
    if (code === 201) { location.assign(`/organiser/rooms/${body.id}?created=1`); return; }
    if (code === 200) {
      conference = body;
      $('room-password').value = '';
      showRoom();
      say(status, 'roomSaved', { name: body.name });
    } else if (body.fields?.length) {
      showErrors(body.fields, field => $(FIELD_INPUTS[field]), status);
    } else {
      say(status, 'requestFailed', { reason: body.message || code });
    }
  } catch (e) {
    say(status, 'requestFailed', { reason: e.message });
  } finally {
    $('save-room').disabled = false;
  }
}

function showRoom() {
  document.title = conference.name;
  $('room-title').removeAttribute('data-i18n');
  $('room-title').textContent = conference.name;
  $('link-section').hidden = false;
  $('join-link').value = joinLink(conference.roomName);
  $('open-room').href = `/${conference.roomName}`;
  say($('save-room'), 'saveChanges');
  $('registration-permanent').hidden = !conference.permanentRoom;
  $('registration-page').href = `/register/${conference.roomName}`;
}

// ---- registration settings ----
let questionCount = 0;

/** A key the API accepts ([a-z][a-z0-9_]{0,31}), made from the question's words, different from the others. */
function keyFor(label, taken) {
  let base = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '').slice(0, 28);
  if (!/^[a-z]/.test(base)) base = `q_${base}`.slice(0, 28);
  if (base === 'name' || base === 'email' || base === 'q_') base = 'question';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

function addQuestion(field = { key: '', label: '', required: false }, focus = false) {
  const n = ++questionCount;
  const li = document.createElement('li');
  li.className = 'question-row';
  li.dataset.key = field.key;
  const label = document.createElement('label');
  label.htmlFor = `question-${n}`;
  label.textContent = t('questionLabel', { number: n });
  const input = document.createElement('input');
  input.type = 'text';
  input.id = `question-${n}`;
  input.maxLength = 100;
  input.value = field.label;
  input.setAttribute('aria-describedby', `question-${n}-error`);
  const requiredBox = document.createElement('input');
  requiredBox.type = 'checkbox';
  requiredBox.id = `question-${n}-required`;
  requiredBox.checked = field.required;
  const requiredLabel = document.createElement('label');
  requiredLabel.className = 'inline';
  requiredLabel.htmlFor = requiredBox.id;
  requiredLabel.textContent = t('questionRequired');
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = t('removeQuestion', { number: n });
  remove.addEventListener('click', () => { li.remove(); $('add-question').focus(); });
  const error = document.createElement('p');
  error.className = 'error';
  error.id = `question-${n}-error`;
  const box = document.createElement('div');
  box.append(requiredBox, ' ', requiredLabel);
  li.append(label, input, box, remove, error);
  $('questions').append(li);
  if (focus) input.focus();
}

function fillRegistration(settings) {
  $('registration-enabled').checked = settings.enabled;
  check('approval', settings.approval);
  $('questions').replaceChildren();
  questionCount = 0;
  settings.fields.forEach(f => addQuestion(f));
  $('registration-page-row').hidden = !settings.enabled;
}

async function saveRegistration(event) {
  event.preventDefault();
  const form = $('registration-form');
  clearErrors(form);
  const rows = [...$('questions').children];
  const taken = new Set(rows.map(li => li.dataset.key).filter(Boolean));
  const fields = rows.map(li => {
    const label = li.querySelector('input[type=text]').value.trim();
    return { key: li.dataset.key || keyFor(label, taken), label, required: li.querySelector('input[type=checkbox]').checked };
  });
  const { status: code, body } = await api('PUT', `/api/v1/conferences/${id}/registration`,
    { enabled: $('registration-enabled').checked, approval: checked('approval'), fields });
  if (code === 200) {
    fillRegistration(body);
    say(status, 'registrationSaved');
    return;
  }
  const inputFor = field => {
    if (field === 'enabled') return $('registration-enabled');
    if (field === 'approval') return $('approval-automatic');
    const m = /^fields\[(\d+)]/.exec(field);
    return m ? rows[Number(m[1])]?.querySelector('input[type=text]') : null;
  };
  if (body.fields?.length) showErrors(body.fields, inputFor, status);
  else say(status, 'requestFailed', { reason: body.message || code });
}

// ---- registrants ----
let registrants = [];

function registrantRow(r) {
  const tr = document.createElement('tr');
  tr.dataset.registrant = r.id;
  const cell = text => { const td = document.createElement('td'); td.textContent = text; return td; };
  const name = document.createElement('th');
  name.scope = 'row';
  name.textContent = r.name;
  const answers = Object.entries(r.answers || {}).map(([k, v]) => `${k}: ${v}`).join('; ');
  const state = cell(t(`status-${r.status}`));
  state.tabIndex = -1;
  state.className = 'registrant-status';
  const actions = document.createElement('td');
  actions.className = 'actions';
  if (r.status === 'pending') actions.append(decisionButton(r, 'approve'));
  if (r.status === 'pending' || r.status === 'approved') actions.append(decisionButton(r, 'deny'));
  tr.append(name, cell(r.email), cell(answers), state, actions);
  return tr;
}

function decisionButton(r, decision) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t(decision === 'approve' ? 'approveRegistrant' : 'denyRegistrant', { name: r.name });
  button.addEventListener('click', async () => {
    button.disabled = true;
    const { status: code, body } = await api('POST', `/api/v1/conferences/${id}/registrations/${r.id}/${decision}`);
    if (code !== 200) { say(status, 'requestFailed', { reason: body.message || code }); button.disabled = false; return; }
    registrants = registrants.map(x => x.id === body.id ? body : x);
    const row = registrantRow(body);
    document.querySelector(`tr[data-registrant="${r.id}"]`).replaceWith(row);
    say(status, decision === 'approve' ? 'registrantApproved' : 'registrantDenied', { name: body.name });
    (row.querySelector('button') || row.querySelector('.registrant-status')).focus();
  });
  return button;
}

function renderRegistrants() {
  $('registrants').querySelector('tbody').replaceChildren(...registrants.map(registrantRow));
  $('registrants').hidden = registrants.length === 0;
  $('registrants-empty').hidden = registrants.length > 0;
}

// ---- files ----
async function loadFiles() {
  const { status: code, body } = await api('GET', `/api/v1/conferences/${id}/file-library`);
  if (code !== 200) { say($('upload-status'), 'requestFailed', { reason: body.message || code }); return; }
  $('files-empty').hidden = body.data.length > 0;
  $('library').replaceChildren(...body.data.map(f => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/api/v1/conferences/${id}/file-library/${f.id}`;
    link.download = f.name;
    link.textContent = f.name;
    const facts = document.createElement('span');
    facts.textContent = ` (${f.pages ? t('filePages', { pages: f.pages, size: formatSize(f.size) }) : formatSize(f.size)})`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('deleteFile', { name: f.name });
    remove.addEventListener('click', async () => {
      const { status: code2, body: answer } = await api('DELETE', `/api/v1/conferences/${id}/file-library/${f.id}`);
      if (code2 !== 204) { say($('upload-status'), 'requestFailed', { reason: answer.message || code2 }); return; }
      say($('upload-status'), 'fileDeleted', { name: f.name });
      await loadFiles();
      $('file-upload').focus();
    });
    li.append(link, facts, ' ', remove);
    return li;
  }));
}

function upload() {
  const input = $('file-upload');
  const file = input.files?.[0];
  if (!file) return;
  const progress = $('upload-progress');
  const line = $('upload-status');
  progress.value = 0;
  $('upload-progress-row').hidden = false;
  say(line, 'uploading', { name: file.name });
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `/api/v1/conferences/${id}/file-library?name=${encodeURIComponent(file.name)}`);
  xhr.setRequestHeader('X-CSRF-Token', csrf() ?? '');
  xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total); });
  xhr.addEventListener('load', async () => {
    let body = {};
    try { body = JSON.parse(xhr.responseText || '{}'); } catch { /* the status says enough */ }
    input.value = '';
    if (xhr.status !== 201) {
      say(line, 'uploadFailed', { name: file.name, reason: body.message || xhr.statusText || String(xhr.status) });
      return;
    }
    progress.value = 100;
    await loadFiles();
    say(line, 'fileAdded', { name: file.name });
  });
  xhr.addEventListener('error', () => { input.value = ''; say(line, 'uploadFailed', { name: file.name, reason: t('networkError') }); });
  xhr.send(file);
}

// ---- sessions ----
async function loadSessions() {
  const sessions = (await all(`/api/v1/conferences/${id}/sessions`)).reverse(); // latest first
  $('sessions-empty').hidden = sessions.length > 0;
  $('sessions').replaceChildren(...sessions.map(s => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/organiser/rooms/${id}/sessions/${s.id}`;
    link.textContent = t(s.endedAt ? 'sessionLink' : 'sessionLinkLive',
      { when: formatWhen(s.startedAt), count: s.attendees });
    li.append(link);
    return li;
  }));
}

// ---- start ----
await startPage();
document.title = t('scheduleRoom');
fillTimeZones(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
for (const name of ['timing', 'accessType']) {
  document.querySelectorAll(`input[name=${name}]`).forEach(input => input.addEventListener('change', showDependentFields));
}
showDependentFields();
$('room-form').addEventListener('submit', saveRoom);
if (id) {
  const { status: code, body } = await api('GET', `/api/v1/conferences/${id}`);
  if (code !== 200) {
    say(status, 'roomNotFound');
    $('settings-section').hidden = true;
  } else {
    conference = body;
    fillForm(body);
    showRoom();
    if (new URLSearchParams(location.search).has('created')) say(status, 'roomScheduled', { name: body.name });
    $('copy-link').addEventListener('click', () => copy($('join-link').value, $('join-link'), status));
    $('registration-section').hidden = false;
    $('files-section').hidden = false;
    $('sessions-section').hidden = false;
    $('add-question').addEventListener('click', () => addQuestion(undefined, true));
    $('registration-form').addEventListener('submit', saveRegistration);
    $('file-upload').addEventListener('change', upload);
    const settings = await api('GET', `/api/v1/conferences/${id}/registration`);
    if (settings.status === 200) fillRegistration(settings.body);
    registrants = await all(`/api/v1/conferences/${id}/registrations`);
    renderRegistrants();
    await loadFiles();
    await loadSessions();
  }
}
ready();
