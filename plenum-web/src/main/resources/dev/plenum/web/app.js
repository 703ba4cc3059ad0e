import { LANGUAGES, chooseLanguage, currentLanguage, loadMessages, onLanguageChange, say, t } from './i18n.js';
import { startPreview, takeStream } from './prejoin.js';
import { setUpSimpleMode } from './simple.js';
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

// Tiles are kept and updated in place, so a video keeps playing while others join and leave.
const tileElements = new Map(); // participantId -> <li>
const remoteStreams = new Map(); // participantId -> MediaStream of their tracks

function renderTiles() {
  const list = $('tiles');
  const wanted = [];
  if (me) wanted.push([me.id, t('you', { name: me.name }), false, localStream, true, false]);
  for (const [id, p] of people) wanted.push([id, p.name, p.reconnecting, remoteStreams.get(id), false, p.audioMuted]);
  const keep = new Set(wanted.map(w => w[0]));
  for (const [id, li] of tileElements) if (!keep.has(id)) { li.remove(); tileElements.delete(id); }
  for (const [id, label, reconnecting, stream, isMe, audioMuted] of wanted) {
    let li = tileElements.get(id);
    if (!li) {
      li = document.createElement('li');
      li.className = 'tile';
      li.dataset.participant = id;
      tileElements.set(id, li);
    }
    updateTile(li, label, reconnecting, stream, isMe, audioMuted);
    list.append(li); // moves it into order; an element already in place stays playing
  }
}

function updateTile(li, label, reconnecting, stream, isMe, audioMuted) {
  let video = li.querySelector('video');
  if (stream && !video) {
    video = document.createElement('video');
    video.autoplay = true; video.playsInline = true; video.muted = isMe;
    video.setAttribute('aria-hidden', 'true');
    li.prepend(video);
  }
  if (video && video.srcObject !== stream) video.srcObject = stream || null;
  let name = li.querySelector('.name');
  if (!name) { name = document.createElement('span'); name.className = 'name'; li.append(name); }
  name.textContent = label;
  const states = [];
  if (reconnecting) states.push(t('reconnectingPeer'));
  if (audioMuted) states.push(t('mutedMic'));
  let state = li.querySelector('.state');
  if (states.length) {
    if (!state) { state = document.createElement('span'); state.className = 'state'; li.append(state); }
    state.textContent = states.join(', ');
  } else if (state) state.remove();
}

// ---- media: the server offers, this page answers (docs/signaling.md) ----
let pc = null;
let published = false;
let negotiation = Promise.resolve();
// After a drop the page says "Reconnecting…" until signaling is back AND the media path works again (ICE restart).
let awaitingPath = false;
let awaitingRestart = false; // resumed; the server's ICE restart offer is not answered yet
let disconnectedTimer = null;
const ICE_DISCONNECTED_GRACE_MS = 3000;

function settle() {
  const state = pc?.iceConnectionState;
  if (!awaitingPath || awaitingRestart || signaling?.lostAt !== null) return;
  if (pc && state !== 'connected' && state !== 'completed') return;
  awaitingPath = false;
  say($('connection-state'), 'connected');
  document.documentElement.dataset.connection = 'connected';
}

function reconnecting() {
  awaitingPath = true;
  say($('connection-state'), 'reconnecting');
  document.documentElement.dataset.connection = 'reconnecting';
}

function watchIce(conn) {
  conn.oniceconnectionstatechange = () => {
    const state = conn.iceConnectionState;
    clearTimeout(disconnectedTimer);
    if (state === 'failed') signaling?.reconnect();
    else if (state === 'disconnected') {
      // Often a short blip that ICE mends by itself; if not, resume and restart ICE.
      disconnectedTimer = setTimeout(() => { if (conn.iceConnectionState === 'disconnected') signaling?.reconnect(); },
        ICE_DISCONNECTED_GRACE_MS);
    }
    settle();
  };
}

function peerConnection() {
  if (pc) return pc;
  pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  window.plenumPeerConnection = pc; // for diagnostics and tests
  watchIce(pc);
  pc.ontrack = e => {
    const owner = e.streams[0]?.id;
    if (!owner) return;
    let stream = remoteStreams.get(owner);
    if (!stream) { stream = new MediaStream(); remoteStreams.set(owner, stream); }
    stream.addTrack(e.track);
    e.track.onended = () => stream.removeTrack(e.track);
    e.streams[0].onremovetrack = ev => stream.removeTrack(ev.track);
    renderTiles();
  };
  return pc;
}

function onOffer(sdp) {
  const restart = awaitingRestart;
  negotiation = negotiation.then(async () => {
    const conn = peerConnection();
    await conn.setRemoteDescription({ type: 'offer', sdp });
    if (!published) {
      published = true;
      for (const tr of conn.getTransceivers()) {
        const kind = tr.mid === '0' ? 'audio' : tr.mid === '1' ? 'video' : null;
        const track = kind && localStream?.getTracks().find(x => x.kind === kind);
        if (track) { await tr.sender.replaceTrack(track); tr.direction = 'sendonly'; }
      }
    }
    const answer = await conn.createAnswer();
    await conn.setLocalDescription(answer);
    signaling.send({ type: 'answer', sdp: answer.sdp });
    if (restart) awaitingRestart = false;
    settle();
  }).catch(err => console.error('negotiation failed', err));
}

async function join(event) {
  event.preventDefault();
  const name = $('name').value.trim();
  if (!name) { say($('join-error'), 'nameRequired'); $('name').focus(); return; }
  $('join').disabled = true;
  say($('join'), 'joining');
  try {
    const res = await fetch(`/api/v1/rooms/${encodeURIComponent(room)}/join`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.statusText);
    localStream = takeStream();
    if (!localStream) announce(t('noCamera'));
    me = { id: body.participantId, name };
    startSignaling(body.token);
  } catch (e) {
    say($('join-error'), 'joinFailed', { reason: e.message });
    $('join').disabled = false;
    say($('join'), 'join');
  }
}

function startSignaling(token) {
  signaling = new Signaling(token);
  signaling.addEventListener('welcome', e => {
    people.clear();
    for (const p of e.detail.participants) people.set(p.id, { name: p.name, reconnecting: p.reconnecting, audioMuted: p.audioMuted });
    say($('room-heading'), 'roomHeading', { room });
    if (e.detail.resumed) { awaitingRestart = Boolean(pc); settle(); } // the server's ICE restart offer follows; "Connected" once media flows again
    else { say($('connection-state'), 'connected'); document.documentElement.dataset.connection = 'connected'; }
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
  signaling.addEventListener('offer', e => onOffer(e.detail.sdp));
  signaling.addEventListener('participantLeft', e => {
    const p = people.get(e.detail.participantId);
    people.delete(e.detail.participantId);
    remoteStreams.delete(e.detail.participantId);
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
  signaling.addEventListener('reconnecting', reconnecting);
  signaling.addEventListener('refused', () => {
    awaitingPath = false;
    say($('connection-state'), 'reconnectFailed');
    document.documentElement.dataset.connection = 'failed';
  });
  signaling.addEventListener('closed', () => { show('left'); $('rejoin').focus(); });
  signaling.connect();
}

function setUpLanguageChoice() {
  const select = $('language');
  for (const [code, name] of Object.entries(LANGUAGES)) {
    const option = document.createElement('option');
    option.value = code; option.lang = code; option.textContent = name;
    select.append(option);
  }
  select.value = currentLanguage();
  select.addEventListener('change', () => chooseLanguage(select.value));
  onLanguageChange(lang => { select.value = lang; renderTiles(); });
}

function toggle(kind, button) {
  const muted = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(muted));
  if (localStream) localStream.getTracks().filter(tr => tr.kind === kind).forEach(tr => { tr.enabled = !muted; });
  signaling?.send({ type: 'mute', kind, muted });
}

await loadMessages();
say($('room-label'), 'roomLabel', { room });
setUpLanguageChoice();
setUpSimpleMode($('simple-mode'));
$('rejoin').href = location.pathname;
$('join-form').addEventListener('submit', join);
$('toggle-mic').addEventListener('click', e => toggle('audio', e.currentTarget));
$('toggle-camera').addEventListener('click', e => toggle('video', e.currentTarget));
$('leave').addEventListener('click', () => {
  localStream?.getTracks().forEach(tr => tr.stop());
  pc?.close();
  signaling.leave();
});
window.addEventListener('pagehide', () => signaling?.ws?.close(1001));
$('name').focus();
startPreview(); // not awaited: the name can be typed while the camera starts
document.documentElement.dataset.ready = 'true'; // handlers are in place; tests wait for this
