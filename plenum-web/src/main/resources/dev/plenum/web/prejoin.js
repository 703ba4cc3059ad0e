// The pre-join step: a camera preview, a microphone level meter and a choice of devices, so people see and hear
// how they will come across before anyone else does. The stream acquired here is the one that joins the room.
import { say } from './i18n.js';

const $ = id => document.getElementById(id);
let stream = null;
let audioContext = null;
let levelTimer = null;

let ready = Promise.resolve(); // settles once the camera and microphone were asked for

/** Asks for camera and microphone and shows them; without them the page explains that listening still works. */
export function startPreview() {
  ready = (async () => {
    if (!navigator.mediaDevices?.getUserMedia) { explain('noCamera'); return; }
    await acquire({ audio: true, video: true });
    $('camera-choice').addEventListener('change', () => switchDevice('video', $('camera-choice').value));
    $('mic-choice').addEventListener('change', () => switchDevice('audio', $('mic-choice').value));
  })();
  return ready;
}

/**
 * Asks for camera and microphone outside the pre-join step (a webinar attendee invited to speak): the stream, or
 * null when there are none or they are refused (a microphone alone is taken when the camera is not there).
 */
export async function askForDevices() {
  if (!navigator.mediaDevices?.getUserMedia) return null;
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch {
    try { return await navigator.mediaDevices.getUserMedia({ audio: true }); } catch { return null; }
  }
}

/**
 * Hands the previewed stream (or null) to the room and stops the pre-join meter. Waits for the camera if it is still
 * starting, so someone who clicks Join at once still joins with it.
 */
export async function takeStream() {
  await ready.catch(() => {});
  stopMeter();
  const taken = stream;
  stream = null;
  $('preview').srcObject = null;
  return taken;
}

async function acquire(constraints) {
  try {
    stream = await navigator.mediaDevices.getUserMedia(constraints);
  } catch {
    // Someone may have a microphone but no camera (or refuse only the camera): offer them to be heard.
    try {
      stream = constraints.video ? await navigator.mediaDevices.getUserMedia({ audio: constraints.audio }) : null;
    } catch {
      stream = null;
    }
  }
  if (!stream) { explain('noCamera'); return; }
  $('preview').srcObject = stream;
  $('preview').hidden = stream.getVideoTracks().length === 0;
  if (stream.getVideoTracks().length === 0) explain('noCameraOnly'); else say($('preview-note'), 'previewReady');
  $('devices').hidden = false;
  await listDevices();
  startMeter();
}

function explain(key) {
  say($('preview-note'), key);
  $('preview').hidden = true;
  $('devices').hidden = stream === null;
}

async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  fill($('camera-choice'), devices.filter(d => d.kind === 'videoinput'), stream.getVideoTracks()[0]);
  fill($('mic-choice'), devices.filter(d => d.kind === 'audioinput'), stream.getAudioTracks()[0]);
}

function fill(select, devices, track) {
  select.replaceChildren(...devices.map((d, i) => {
    const option = document.createElement('option');
    option.value = d.deviceId;
    option.textContent = d.label || `${i + 1}`;
    return option;
  }));
  select.disabled = devices.length === 0 || !track;
  if (track) select.value = track.getSettings().deviceId ?? '';
}

async function switchDevice(kind, deviceId) {
  const keep = kind === 'video' ? stream?.getAudioTracks()[0] : stream?.getVideoTracks()[0];
  const other = kind === 'video' ? 'audio' : 'video';
  const constraints = { [kind]: { deviceId: { exact: deviceId } },
                        [other]: keep ? { deviceId: { exact: keep.getSettings().deviceId } } : false };
  stopMeter();
  stream?.getTracks().forEach(track => track.stop());
  await acquire(constraints);
}

// The level is the RMS of the last 100 ms of samples, shown on a <meter> so screen readers can read it too.
function startMeter() {
  const track = stream?.getAudioTracks()[0];
  if (!track || !window.AudioContext) return;
  audioContext = new AudioContext();
  const analyser = audioContext.createAnalyser();
  analyser.fftSize = 2048;
  audioContext.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const resume = () => audioContext?.resume();
  document.addEventListener('pointerdown', resume, { once: true });
  document.addEventListener('keydown', resume, { once: true });
  levelTimer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    $('mic-level').value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
  }, 100);
}

function stopMeter() {
  clearInterval(levelTimer);
  levelTimer = null;
  audioContext?.close();
  audioContext = null;
}
