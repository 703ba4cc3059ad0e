import { loadMessages, onLanguageChange, say, setUpLanguageMenu, t } from './i18n.js';
import { askForDevices, startPreview, takeStream } from './prejoin.js';
import { setUpSimpleMode } from './simple.js';
import { Chat } from './chat.js';
import { sendButton } from './controls.js';
import { HostControls } from './host.js';
import { Layout } from './layout.js';
import { QuestionsAndAnswers } from './qa.js';
import { Polls } from './poll.js';
import { LinkWatch } from './quality.js';
import { Signaling } from './signaling.js';
import { Slides } from './slides.js';
import { ScreenShare, canShareScreen } from './screen.js';

const $ = id => document.getElementById(id);
const room = decodeURIComponent(location.pathname.slice(1)) || 'lobby';
const people = new Map(); // participantId -> {name, reconnecting, audioMuted}
let me = null;
let signaling = null;
let localStream = null;
let chat = null;
let activeSpeaker = null; // participant id the SFU names as speaking now
// Last-N (docs/signaling.md `lastN`): the people whose cameras the SFU forwards to this page; null until the server
// says, which on a node without a limit it never does (every camera comes).
let forwardedCameras = null;
let host = null;
let qa = null;
let polls = null;
let webinar = false; // from the join reply: attendees watch and listen, and have no tile
let watchOnly = false; // a webinar attendee (GET /api/v1/rooms/{room}): no camera step before joining
let mayPublish = true; // the server says otherwise (publishRights) for an attendee in a webinar
const layout = new Layout({ list: $('tiles'), toggle: $('toggle-layout'), send: msg => signaling?.send(msg) });
let slides = null;
let screen = null; // the shared screen the server names: {participantId, streamId}, or null
const screenShare = new ScreenShare({ button: $('toggle-screen'), send: msg => signaling?.send(msg),
  onChange: () => { $('sharing-note').hidden = !screenShare.sharing; } });

function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

function show(section) {
  for (const id of ['prejoin', 'lobby', 'room', 'left']) $(id).hidden = id !== section;
}

// Tiles are kept and updated in place, so a video keeps playing while others join and leave.
const tileElements = new Map(); // tile key (a participant's id, or "screen:" and the sharer's id) -> <li>
const remoteStreams = new Map(); // msid stream id (a participant's id, or a screen's streamId) -> MediaStream

function renderTiles() {
  const list = $('tiles');
  const wanted = [];
  // Someone else's shared screen comes first; one's own is not shown back (it would mirror itself).
  const sharer = screen && screen.participantId !== me?.id ? people.get(screen.participantId) : null;
  if (sharer) {
    wanted.push({ key: `screen:${sharer.id}`, screen: true, label: t('screenOf', { name: sharer.name }), person: sharer,
      stream: remoteStreams.get(screen.streamId), isMe: false });
  }
  // In a webinar only hosts and presenters are on screen; an attendee's own camera goes nowhere, so it is not shown.
  if (me && mayPublish) wanted.push({ key: me.id, label: t('you', { name: me.name }), person: me, stream: localStream, isMe: true });
  for (const [id, p] of people) {
    if (webinar && p.role === 'attendee') continue;
    const stream = remoteStreams.get(id);
    // A camera outside this page's last-N shows a placeholder, not the frame it froze on.
    const held = Boolean(forwardedCameras && !forwardedCameras.has(id) && stream?.getVideoTracks().length);
    wanted.push({ key: id, label: p.name, person: p, stream, isMe: false, held });
  }
  const keep = new Set(wanted.map(w => w.key));
  for (const [key, li] of tileElements) if (!keep.has(key)) { li.remove(); tileElements.delete(key); layout.forget(key); }
  for (const view of wanted) {
    let li = tileElements.get(view.key);
    if (!li) {
      li = document.createElement('li');
      li.className = view.screen ? 'tile screen' : 'tile';
      li.dataset.key = view.key;
      li.dataset.participant = view.person.id;
      if (view.screen) li.dataset.screen = '';
      tileElements.set(view.key, li);
    }
    updateTile(li, view);
    layout.decorate(li, t(view.screen ? 'pinScreen' : 'pinPerson', { name: view.person.name }), view.isMe);
    list.append(li); // moves it into order; an element already in place stays playing
  }
  layout.arrange(activeSpeaker);
  renderHandQueue();
  host?.render(me?.role, people);
}

function updateTile(li, { label, person, stream, isMe, screen: isScreen, held = false }) {
  li.classList.toggle('speaking', !isScreen && person.id === activeSpeaker);
  li.classList.toggle('held', held);
  let placeholder = li.querySelector('.placeholder');
  if (held) {
    if (!placeholder) {
      placeholder = document.createElement('div');
      placeholder.className = 'placeholder';
      const avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.setAttribute('aria-hidden', 'true');
      const note = document.createElement('span');
      note.className = 'note';
      placeholder.append(avatar, note);
      li.prepend(placeholder);
    }
    placeholder.querySelector('.avatar').textContent = [...person.name.trim()][0]?.toUpperCase() ?? '?';
    placeholder.querySelector('.note').textContent = t('lastNHeld', { name: person.name });
  } else if (placeholder) placeholder.remove();
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
  if (!isScreen) { // a person's states show on their camera's tile, not on their screen's
    if (person.handRaisedAt) states.push(t('handRaisedState'));
    if (person.reconnecting) states.push(t('reconnectingPeer'));
    if (person.audioMuted) states.push(t('mutedMic'));
  }
  let state = li.querySelector('.state');
  if (states.length) {
    if (!state) { state = document.createElement('span'); state.className = 'state'; li.append(state); }
    state.textContent = states.join(', ');
  } else if (state) state.remove();
}

// ---- hands and reactions ----
function personById(id) {
  return id === me?.id ? me : people.get(id);
}

// Hosts see the raised hands as a queue, first raised first, and can lower each once its question is taken.
function renderHandQueue() {
  const raised = [...(me ? [me] : []), ...people.values()].filter(p => p.handRaisedAt)
    .sort((a, b) => a.handRaisedAt - b.handRaisedAt);
  const panel = $('hands-panel');
  panel.hidden = me?.role !== 'host' || raised.length === 0;
  $('hands-queue').replaceChildren(...raised.map(p => {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = p === me ? t('you', { name: me.name }) : p.name;
    const lower = sendButton(t('lowerHandOf', { name: p.name }), msg => signaling?.send(msg),
      { type: 'hand', raised: false, participantId: p.id });
    li.append(name, ' ', lower);
    return li;
  }));
}

function onHand({ participantId, raisedAt, by }) {
  const person = personById(participantId);
  if (!person) return;
  person.handRaisedAt = raisedAt;
  if (person === me) {
    $('toggle-hand').setAttribute('aria-pressed', String(raisedAt !== 0));
    if (!raisedAt && by !== me.id) announce(t('yourHandLowered'));
  } else if (raisedAt) {
    announce(t('handRaisedAnnouncement', { name: person.name }));
  }
  renderTiles();
}

const REACTION_SYMBOLS = { 'thumbs-up': '👍', clap: '👏', laugh: '😂', heart: '❤️', celebrate: '🎉', surprised: '😮' };

// A reaction shows on the sender's tile for a few seconds; its name is readable by screen readers.
function onReaction({ participantId, reaction }) {
  const li = tileElements.get(participantId); // the camera's tile: keyed by the person's id
  const symbol = REACTION_SYMBOLS[reaction];
  if (!li || !symbol) return;
  const badge = document.createElement('span');
  badge.className = 'reaction';
  badge.setAttribute('role', 'img');
  badge.setAttribute('aria-label', t(`reaction-${reaction}`));
  badge.textContent = symbol;
  li.append(badge);
  setTimeout(() => badge.remove(), 4000);
}

// Audio only: the server stops sending video to this page (it saves a poor link); audio always flows. The person
// turns it on, or the page does when the link is too poor for video; either way the same button turns it off.
function setAudioOnly(on, automatically = false) {
  $('toggle-audio-only').setAttribute('aria-pressed', String(on));
  // While it is on, the button stays in simple mode too: the note says to press it to try video again.
  $('toggle-audio-only').toggleAttribute('data-advanced', !on);
  $('audio-only-note').hidden = !on;
  if (on) say($('audio-only-note'), automatically ? 'audioOnlyAutoNote' : 'audioOnlyNote');
  signaling?.send({ type: 'audioOnly', on });
}

function audioOnly() {
  return $('toggle-audio-only').getAttribute('aria-pressed') === 'true';
}

new LinkWatch({
  connection: () => pc,
  watching: () => !audioOnly(),
  onPoorLink: () => { setAudioOnly(true, true); announce(t('audioOnlyAutoNote')); },
});

function setUpHandsAndReactions() {
  $('toggle-audio-only').addEventListener('click', () => setAudioOnly(!audioOnly()));
  $('toggle-hand').addEventListener('click', e => {
    signaling?.send({ type: 'hand', raised: e.currentTarget.getAttribute('aria-pressed') !== 'true' });
  });
  for (const button of document.querySelectorAll('#reactions button')) {
    button.addEventListener('click', () => signaling?.send({ type: 'reaction', reaction: button.dataset.reaction }));
  }
}

// ---- media: the server offers, this page answers (docs/signaling.md) ----
let pc = null;
let iceServers = []; // STUN/TURN servers from the join reply (docs/signaling.md)
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
  pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
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
    layout.resend();
  };
  return pc;
}

function onOffer(sdp) {
  const restart = awaitingRestart;
  negotiation = negotiation.then(async () => {
    const conn = peerConnection();
    await conn.setRemoteDescription({ type: 'offer', sdp });
    await screenShare.attach(conn);
    // mid 0 and 1 carry this page's microphone and camera: attached as soon as there are tracks (at the first offer,
    // or, for a webinar attendee, at the first offer after the devices were asked for on accepting to speak).
    for (const tr of conn.getTransceivers()) {
      const kind = tr.mid === '0' ? 'audio' : tr.mid === '1' ? 'video' : null;
      const track = kind && localStream?.getTracks().find(x => x.kind === kind);
      if (track && tr.sender.track !== track) { await tr.sender.replaceTrack(track); tr.direction = 'sendonly'; }
    }
    const answer = await conn.createAnswer();
    await conn.setLocalDescription(answer);
    signaling.send({ type: 'answer', sdp: answer.sdp });
    await screenShare.tune(conn);
    await scaleCameraLayers(conn);
    if (restart) awaitingRestart = false;
    settle();
  }).catch(err => console.error('negotiation failed', err));
}

// The server's offer asks for the camera in simulcast layers (a=simulcast, lowest first): each is sent at half the
// size of the next, the last at the capture size, so every viewer can be sent the one that suits its tile.
async function scaleCameraLayers(conn) {
  const sender = conn.getTransceivers().find(tr => tr.mid === '1')?.sender;
  const parameters = sender?.track ? sender.getParameters() : null;
  const layers = parameters?.encodings ?? [];
  const scale = i => 2 ** (layers.length - 1 - i);
  if (layers.length < 2 || layers.every((e, i) => e.scaleResolutionDownBy === scale(i))) return;
  layers.forEach((e, i) => { e.scaleResolutionDownBy = scale(i); });
  await sender.setParameters(parameters).catch(() => { /* an older browser: its default scaling then */ });
}

// ---- publishing rights: in a webinar attendees watch until a host invites them to speak ----
let focusMicWhenAllowed = false; // the invitation was just accepted: the microphone button is the next thing to use

function setMayPublish(allowed) {
  mayPublish = allowed;
  $('watching-note').hidden = allowed;
  $('toggle-mic').hidden = !allowed;
  $('toggle-camera').hidden = !allowed;
  $('toggle-screen').hidden = !allowed || !canShareScreen();
  if (!allowed) screenShare.stop(false); // the server ended the share with the right to publish
  // The camera and microphone send only when allowed (and not muted by their buttons).
  for (const track of localStream?.getTracks() ?? []) {
    const button = $(track.kind === 'audio' ? 'toggle-mic' : 'toggle-camera');
    track.enabled = allowed && button.getAttribute('aria-pressed') !== 'true';
  }
  renderTiles();
  if (allowed && focusMicWhenAllowed) { focusMicWhenAllowed = false; $('toggle-mic').focus(); }
}

function onRoleChanged({ participantId, role }) {
  const person = personById(participantId);
  if (!person) return;
  person.role = role;
  if (person === me) announce(t(role === 'attendee' ? 'nowWatching' : 'nowPresenting'));
  else if (role === 'presenter') announce(t('presentingAnnouncement', { name: person.name }));
  if (person !== me && role === 'attendee') remoteStreams.delete(participantId);
  renderTiles();
}

function showInvitation(shown) {
  $('invitation').hidden = !shown;
  if (shown) { announce(t('invitedAnnouncement')); $('accept-invitation').focus(); }
}

// A webinar attendee was never asked for a camera or microphone: they are asked now, on accepting to speak.
async function answerInvitation(accepted) {
  showInvitation(false);
  if (accepted && !localStream) {
    localStream = await askForDevices();
    if (!localStream) announce(t('noDevicesToSpeak'));
    else setMayPublish(mayPublish); // the new tracks stay silent until the server allows them
  }
  signaling?.send({ type: 'promotion', accepted });
  if (accepted) focusMicWhenAllowed = true;
  else $('toggle-hand').focus();
}

// ---- screen sharing: the server names who shares (docs/signaling.md); a newer share replaces an older one ----
function onScreenShare({ participantId, streamId }) {
  const before = screen;
  screen = participantId ? { participantId, streamId } : null;
  if (before && before.streamId !== streamId) remoteStreams.delete(before.streamId);
  const mine = participantId === me?.id;
  const replacedMine = screenShare.sharerChanged(mine);
  const sharer = personById(participantId);
  if (mine && before?.participantId !== participantId) announce(t('youAreSharing'));
  else if (replacedMine && sharer) announce(t('screenShareTakenOver', { name: sharer.name }));
  else if (sharer && before?.participantId !== participantId) announce(t('screenShareStarted', { name: sharer.name }));
  else if (!participantId && before && before.participantId !== me?.id) {
    const previous = personById(before.participantId);
    if (previous) announce(t('screenShareEnded', { name: previous.name }));
  }
  renderTiles();
}

// The server refuses a share to someone who may not publish (an attendee in a webinar), and a server without media
// has nothing to share to: stop the capture, and say why.
function onError({ code }) {
  if (!screenShare.pending || (code !== 'forbidden' && code !== 'no-media')) return;
  screenShare.stop(false);
  if (code === 'forbidden') announce(t('screenShareRefused'));
}

// The join request: a password or a personal link's token, when the meeting asks for one (docs/signaling.md).
// A registrant's link carries ?registrant=<key> (their registration mail).
const accessToken = new URLSearchParams(location.search).get('accessToken');
const registrantKey = new URLSearchParams(location.search).get('registrant');
const JOIN_REFUSALS = { 'password-required': 'passwordNeeded', 'wrong-password': 'wrongPassword',
  'access-token-required': 'personalLinkNeeded', 'invalid-access-token': 'personalLinkNeeded', 'too-many-attempts': 'tooManyAttempts',
  'invalid-registrant-key': 'registrantLinkInvalid', 'registrant-key-revoked': 'registrantLinkRevoked',
  'registration-pending': 'registrationPending', 'registration-denied': 'registrationDenied',
  'registration-cancelled': 'registrationCancelled' };

function joinRefused(code) {
  say($('join-error'), JOIN_REFUSALS[code]);
  if (code === 'password-required' || code === 'wrong-password') {
    $('password-field').hidden = false;
    $('meeting-password').focus();
  }
  $('join').disabled = false;
  say($('join'), 'join');
}

async function join(event) {
  event.preventDefault();
  const name = $('name').value.trim();
  if (!name) { say($('join-error'), 'nameRequired'); $('name').focus(); return; }
  $('join').disabled = true;
  say($('join'), 'joining');
  try {
    const request = { name };
    if (!$('password-field').hidden && $('meeting-password').value) request.password = $('meeting-password').value;
    if (accessToken) request.accessToken = accessToken;
    if (registrantKey) request.registrantKey = registrantKey;
    const res = await fetch(`/api/v1/rooms/${encodeURIComponent(room)}/join`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    const body = await res.json();
    if (!res.ok && JOIN_REFUSALS[body.error]) { joinRefused(body.error); return; }
    if (!res.ok) throw new Error(body.message || res.statusText);
    webinar = body.webinar === true;
    localStream = await takeStream();
    if (!localStream && !watchOnly) announce(t('noCamera'));
    iceServers = Array.isArray(body.iceServers) ? body.iceServers : [];
    me = { id: body.participantId, name, role: null, handRaisedAt: 0 };
    startSignaling(body.token);
  } catch (e) {
    say($('join-error'), 'joinFailed', { reason: e.message });
    $('join').disabled = false;
    say($('join'), 'join');
  }
}

function startSignaling(token) {
  signaling = new Signaling(token);
  host = new HostControls(msg => signaling.send(msg));
  polls = new Polls({ send: msg => signaling.send(msg), announce, isHost: () => me?.role === 'host',
    nameOf: id => personById(id)?.name });
  qa = new QuestionsAndAnswers({ send: msg => signaling.send(msg), announce, isHost: () => me?.role === 'host' });
  chat = new Chat({ send: msg => signaling.send(msg), announce, nameOf: id => people.get(id)?.name, selfId: () => me?.id });
  slides = new Slides({ send: msg => signaling.send(msg), announce, room, token: () => signaling.token,
    canPresent: () => me?.role === 'host' || me?.role === 'presenter' });
  signaling.addEventListener('welcome', e => {
    people.clear();
    screen = null; // a screenShare follows when someone shares
    for (const p of e.detail.participants) {
      people.set(p.id, { id: p.id, name: p.name, role: p.role, reconnecting: p.reconnecting, audioMuted: p.audioMuted, handRaisedAt: p.handRaisedAt });
    }
    chat.history(e.detail.chat);
    chat.updateRecipients(people);
    me.role = e.detail.role;
    me.handRaisedAt = e.detail.handRaisedAt;
    $('toggle-hand').setAttribute('aria-pressed', String(me.handRaisedAt !== 0));
    say($('room-heading'), 'roomHeading', { room });
    if (e.detail.resumed) { awaitingRestart = Boolean(pc); settle(); } // the server's ICE restart offer follows; "Connected" once media flows again
    else { say($('connection-state'), 'connected'); document.documentElement.dataset.connection = 'connected'; }
    const first = $('room').hidden;
    show('room');
    renderTiles();
    slides.render();
    if (first) $('toggle-mic').focus();
  });
  signaling.addEventListener('participantJoined', e => {
    const p = e.detail.participant;
    people.set(p.id, { id: p.id, name: p.name, role: p.role, reconnecting: false, audioMuted: p.audioMuted, handRaisedAt: p.handRaisedAt });
    renderTiles();
    chat.updateRecipients(people);
    announce(t('joinedAnnouncement', { name: p.name }));
  });
  signaling.addEventListener('offer', e => onOffer(e.detail.sdp));
  signaling.addEventListener('screenShare', e => onScreenShare(e.detail));
  signaling.addEventListener('error', e => onError(e.detail));
  signaling.addEventListener('participantLeft', e => {
    const p = people.get(e.detail.participantId);
    people.delete(e.detail.participantId);
    remoteStreams.delete(e.detail.participantId);
    renderTiles();
    chat.updateRecipients(people);
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
  signaling.addEventListener('hand', e => onHand(e.detail));
  signaling.addEventListener('publishRights', e => setMayPublish(e.detail.mayPublish));
  signaling.addEventListener('roleChanged', e => onRoleChanged(e.detail));
  signaling.addEventListener('promotionOffered', () => showInvitation(true));
  signaling.addEventListener('promotionDeclined', e => {
    const p = people.get(e.detail.participantId);
    if (p) announce(t('declinedAnnouncement', { name: p.name }));
  });
  signaling.addEventListener('activeSpeaker', e => { activeSpeaker = e.detail.participantId; renderTiles(); });
  signaling.addEventListener('lastN', e => { forwardedCameras = new Set(e.detail.participantIds); renderTiles(); });
  signaling.addEventListener('chat', e => chat.receive(e.detail));
  signaling.addEventListener('questions', e => qa.all(e.detail.questions));
  signaling.addEventListener('polls', e => polls.all(e.detail.polls));
  signaling.addEventListener('poll', e => polls.changed(e.detail.poll));
  signaling.addEventListener('slides', e => slides.show(e.detail));
  signaling.addEventListener('files', e => slides.shared(e.detail.files));
  signaling.addEventListener('question', e => qa.changed(e.detail.question));
  signaling.addEventListener('questionHidden', e => qa.hidden(e.detail.id));
  signaling.addEventListener('reaction', e => onReaction(e.detail));
  signaling.addEventListener('reconnecting', reconnecting);
  signaling.addEventListener('refused', e => onRefused(e.detail));
  signaling.addEventListener('mutedByHost', e => {
    const button = $(e.detail.kind === 'audio' ? 'toggle-mic' : 'toggle-camera');
    setMuted(e.detail.kind, button, true, false);
    announce(t(e.detail.kind === 'audio' ? 'hostMutedYourMic' : 'hostStoppedYourCamera'));
  });
  signaling.addEventListener('lobby', () => { show('lobby'); announce(t('lobbyWaitHeading')); });
  signaling.addEventListener('sessionReport', e => host.showReport(e.detail));
  signaling.addEventListener('lobbyState', e => host.showLobby(e.detail.enabled, e.detail.waiting, announce));
  signaling.addEventListener('roomLocked', e => {
    host.showLocked(e.detail.locked);
    announce(t(e.detail.locked ? 'meetingLockedAnnouncement' : 'meetingUnlockedAnnouncement'));
  });
  signaling.addEventListener('closed', () => { show('left'); $('rejoin').focus(); });
  signaling.connect();
}

function setUpLanguageChoice() {
  setUpLanguageMenu($('language'));
  onLanguageChange(() => { renderTiles(); chat?.updateRecipients(people); qa?.render(); polls?.render(); slides?.render(); });
}

function toggle(kind, button) {
  setMuted(kind, button, button.getAttribute('aria-pressed') !== 'true', true);
}

function setMuted(kind, button, muted, tellServer) {
  button.setAttribute('aria-pressed', String(muted));
  if (localStream) localStream.getTracks().filter(tr => tr.kind === kind).forEach(tr => { tr.enabled = !muted && mayPublish; });
  if (tellServer) signaling?.send({ type: 'mute', kind, muted });
}

// Refused by the server: removed by a host (4403), a locked meeting (4423), or the grace period ran out.
function onRefused(detail) {
  if (detail?.code === 4406) { // a host did not let this person in
    localStream?.getTracks().forEach(tr => tr.stop());
    show('left');
    say($('left-heading'), 'notLetInHeading');
    $('rejoin').focus();
    return;
  }
  if (detail?.code === 4403) {
    localStream?.getTracks().forEach(tr => tr.stop());
    pc?.close();
    show('left');
    say($('left-heading'), 'removedHeading');
    $('rejoin').focus();
    return;
  }
  if ($('room').hidden) { // never got in
    say($('join-error'), detail?.code === 4423 ? 'meetingLocked' : 'joinFailed', { reason: detail?.reason ?? '' });
    $('join').disabled = false;
    say($('join'), 'join');
    return;
  }
  awaitingPath = false;
  say($('connection-state'), 'reconnectFailed');
  document.documentElement.dataset.connection = 'failed';
}

await loadMessages();
say($('room-label'), 'roomLabel', { room });
setUpLanguageChoice();
setUpSimpleMode($('simple-mode'));
setUpHandsAndReactions();
$('rejoin').href = location.pathname;
$('join-form').addEventListener('submit', join);
$('toggle-mic').addEventListener('click', e => toggle('audio', e.currentTarget));
$('toggle-camera').addEventListener('click', e => toggle('video', e.currentTarget));
$('accept-invitation').addEventListener('click', () => answerInvitation(true));
$('decline-invitation').addEventListener('click', () => answerInvitation(false));
$('toggle-screen').hidden = !canShareScreen();
$('leave').addEventListener('click', () => {
  screenShare.stop(false);
  localStream?.getTracks().forEach(tr => tr.stop());
  pc?.close();
  signaling.leave();
});
window.addEventListener('pagehide', () => signaling?.ws?.close(1001));
$('name').focus();
await prepareJoin();
document.documentElement.dataset.ready = 'true'; // handlers are in place; tests wait for this

/**
 * Learns what the room is before asking for any device (GET /api/v1/rooms/{room}): a webinar attendee watches and
 * listens, so the page shows only the name (and the password, when the room asks for one) and Join; everyone else
 * gets the camera preview. The password field shows at once when the room needs one.
 */
async function prepareJoin() {
  let outline = null;
  try {
    const res = await fetch(`/api/v1/rooms/${encodeURIComponent(room)}`);
    if (res.ok) outline = await res.json();
  } catch { /* unknown: the join reply will tell */ }
  const attendee = outline?.role === 'attendee';
  watchOnly = attendee && outline.webinar === true;
  if (attendee && outline.accessType === 'password') $('password-field').hidden = false;
  if (attendee && outline.accessType === 'token' && !accessToken) say($('access-note'), 'personalLinkNeeded');
  if (watchOnly) {
    say($('prejoin-heading'), 'prejoinWebinarHeading');
    say($('preview-note'), 'webinarWatchNote');
    $('devices').hidden = true;
    $('preview').hidden = true;
    return;
  }
  startPreview(); // not awaited: the name can be typed while the camera starts
}
