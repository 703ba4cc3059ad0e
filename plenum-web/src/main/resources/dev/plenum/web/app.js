import { loadMessages, t } from './i18n.js';
import { Signaling } from './signaling.js';

const $ = id => document.getElementById(id);
const room = decodeURIComponent(location.pathname.slice(1)) || 'lobby';
const people = new Map(); // participantId -> {name, reconnecting, audioMuted}
let me = null;
let signaling = null;
let localStream = null;

function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

function show(section) {
  for (const id of ['prejoin', 'room', 'left']) $(id).hidden = id !== section;
}

function renderTiles() {
  const list = $('tiles');
  list.replaceChildren();
  if (me) list.append(tile(me.id, t('you', { name: me.name }), false, localStream));
  for (const [id, p] of people) list.append(tile(id, p.name, p.reconnecting, null, p.audioMuted));
}

function tile(id, label, reconnecting, stream, audioMuted) {
  const li = document.createElement('li');
  li.className = 'tile';
  li.dataset.participant = id;
  if (stream) {
    const v = document.createElement('video');
    v.autoplay = true; v.muted = true; v.playsInline = true; v.srcObject = stream;
    v.setAttribute('aria-hidden', 'true');
    li.append(v);
  }
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = label;
  li.append(name);
  const states = [];
  if (reconnecting) states.push(t('reconnectingPeer'));
  if (audioMuted) states.push(t('mutedMic'));
  if (states.length) {
    const s = document.createElement('span');
    s.className = 'state';
    s.textContent = states.join(', ');
    li.append(s);
  }
  return li;
}

async function join(event) {
  event.preventDefault();
  const name = $('name').value.trim();
  if (!name) { $('join-error').textContent = t('nameRequired'); $('name').focus(); return; }
  $('join').disabled = true;
  $('join').textContent = t('joining');
  try {
    const res = await fetch(`/api/v1/rooms/${encodeURIComponent(room)}/join`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.statusText);
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch {
      localStream = null;
      announce(t('noCamera'));
    }
    me = { id: body.participantId, name };
    startSignaling(body.token);
  } catch (e) {
    $('join-error').textContent = t('joinFailed', { reason: e.message });
    $('join').disabled = false;
    $('join').textContent = t('join');
  }
}

function startSignaling(token) {
  signaling = new Signaling(token);
  signaling.addEventListener('welcome', e => {
    people.clear();
    for (const p of e.detail.participants) people.set(p.id, { name: p.name, reconnecting: p.reconnecting, audioMuted: p.audioMuted });
    $('room-heading').textContent = t('roomHeading', { room });
    $('connection-state').textContent = t('connected');
    const first = $('room').hidden;
    show('room');
    renderTiles();
    if (first) $('toggle-mic').focus();
  });
  signaling.addEventListener('participantJoined', e => {
    const p = e.detail.participant;
    people.set(p.id, { name: p.name, reconnecting: false, audioMuted: p.audioMuted });
    renderTiles();
    announce(t('joinedAnnouncement', { name: p.name }));
  });
  signaling.addEventListener('participantLeft', e => {
    const p = people.get(e.detail.participantId);
    people.delete(e.detail.participantId);
    renderTiles();
    if (p) announce(t('leftAnnouncement', { name: p.name }));
  });
  for (const [type, value] of [['participantReconnecting', true], ['participantResumed', false]]) {
    signaling.addEventListener(type, e => {
      const p = people.get(e.detail.participantId);
      if (p) { p.reconnecting = value; renderTiles(); }
    });
  }
  signaling.addEventListener('muted', e => {
    const p = people.get(e.detail.participantId);
    if (p && e.detail.kind === 'audio') { p.audioMuted = e.detail.muted; renderTiles(); }
  });
  signaling.addEventListener('reconnecting', () => { $('connection-state').textContent = t('reconnecting'); });
  signaling.addEventListener('refused', () => { $('connection-state').textContent = t('reconnectFailed'); });
  signaling.addEventListener('closed', () => { show('left'); $('rejoin').focus(); });
  signaling.connect();
}

function toggle(kind, button) {
  const muted = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(muted));
  if (localStream) localStream.getTracks().filter(tr => tr.kind === kind).forEach(tr => { tr.enabled = !muted; });
  signaling?.send({ type: 'mute', kind, muted });
}

await loadMessages();
$('room-label').textContent = t('roomLabel', { room });
$('rejoin').href = location.pathname;
$('join-form').addEventListener('submit', join);
$('toggle-mic').addEventListener('click', e => toggle('audio', e.currentTarget));
$('toggle-camera').addEventListener('click', e => toggle('video', e.currentTarget));
$('leave').addEventListener('click', () => {
  localStream?.getTracks().forEach(tr => tr.stop());
  signaling.leave();
});
window.addEventListener('pagehide', () => signaling?.ws?.close(1001));
$('name').focus();
