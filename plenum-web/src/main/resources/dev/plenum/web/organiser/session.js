// One session of a room: how many people were present over time, drawn as an inline SVG step chart from each
// attendee's stays (every time they were in the room), with the same figures as a table (the chart's text alternative), the attendee
// list, the CSV download of the API, the session's report as a printable file, and the recordings made in it.
import { onLanguageChange } from '../i18n.js';
import { $, all, api, formatSize, formatTime, formatWhen, ready, say, startPage, t } from './common.js';

const [, , conferenceId, , sessionId] = location.pathname.split('/').filter(Boolean);
const SVG = 'http://www.w3.org/2000/svg';
let session = null;
let attendees = [];
let recordings = [];

/**
 * The number present after each change: +1 where a stay begins, -1 where it ends (someone still there counts until
 * the session ended, or until now while it goes on). Someone who left and came back is counted only while in. One
 * point per instant, in time order, starting at the session's start.
 */
export function timeline(start, end, people) {
  const changes = new Map();
  const add = (ms, delta) => changes.set(ms, (changes.get(ms) || 0) + delta);
  for (const p of people) {
    for (const stay of p.stays) {
      const joined = Math.max(Date.parse(stay.joinedAt), start);
      const left = Math.min(stay.leftAt ? Date.parse(stay.leftAt) : end, end);
      if (left <= joined) continue;
      add(joined, 1);
      add(left, -1);
    }
  }
  const points = [{ at: start, present: 0 }];
  let present = 0;
  for (const at of [...changes.keys()].sort((a, b) => a - b)) {
    present += changes.get(at);
    if (points.at(-1).at === at) points.at(-1).present = present; else points.push({ at, present });
  }
  if (points.at(-1).at < end) points.push({ at: end, present });
  return points;
}

/**
 * The table's rows: one per change a reader can see (times are shown to the second, so changes within one second
 * show as the last of them, and a row that changes nothing is left out).
 */
function tableRows(points) {
  const rows = [];
  for (const p of points) {
    const shown = formatTime(p.at);
    if (rows.length && rows.at(-1).shown === shown) rows.pop();
    if (!rows.length || rows.at(-1).present !== p.present) rows.push({ ...p, shown });
  }
  return rows;
}

function svg(name, attributes, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function drawChart(points, start, end) {
  const width = 640, height = 260, left = 40, right = 16, top = 16, bottom = 40;
  const max = Math.max(1, ...points.map(p => p.present));
  const x = ms => left + ((ms - start) / Math.max(1, end - start)) * (width - left - right);
  const y = n => top + (1 - n / max) * (height - top - bottom);
  const peak = Math.max(0, ...points.map(p => p.present));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title', 'aria-describedby': 'chart-desc',
    class: 'attendance-chart', focusable: 'false' });
  chart.append(svg('title', { id: 'chart-title' }, t('chartHeading')),
    svg('desc', { id: 'chart-desc' }, t('chartDescription', { peak, from: formatTime(start),
      to: formatTime(end) })));
  // grid lines and the count scale
  const step = Math.max(1, Math.ceil(max / 5));
  for (let n = 0; n <= max; n += step) {
    chart.append(svg('line', { x1: left, x2: width - right, y1: y(n), y2: y(n), class: 'grid' }),
      svg('text', { x: left - 8, y: y(n) + 4, 'text-anchor': 'end', class: 'tick' }, String(n)));
  }
  // the time scale: start, middle, end
  for (const [ms, anchor] of [[start, 'start'], [(start + end) / 2, 'middle'], [end, 'end']]) {
    chart.append(svg('text', { x: x(ms), y: height - bottom + 20, 'text-anchor': anchor, class: 'tick' },
      formatTime(ms)));
  }
  let d = `M ${x(points[0].at)} ${y(points[0].present)}`;
  for (let i = 1; i < points.length; i++) d += ` H ${x(points[i].at)} V ${y(points[i].present)}`;
  const area = `${d} V ${y(0)} H ${x(points[0].at)} Z`;
  chart.append(svg('path', { d: area, class: 'area' }), svg('path', { d, class: 'line' }));
  $('chart').replaceChildren(chart);
}

function cell(text, header = false) {
  const el = document.createElement(header ? 'th' : 'td');
  if (header) el.scope = 'row';
  el.textContent = text;
  return el;
}

function render() {
  const start = Date.parse(session.startedAt);
  const end = session.endedAt ? Date.parse(session.endedAt) : Date.now();
  say($('session-title'), 'attendanceOf', { name: conferenceName });
  document.title = $('session-title').textContent;
  $('session-times').textContent = t(session.endedAt ? 'sessionTimes' : 'sessionTimesLive',
    { from: formatWhen(session.startedAt), to: session.endedAt ? formatWhen(session.endedAt) : '' });
  const points = timeline(start, end, attendees);
  drawChart(points, start, end);
  $('timeline').querySelector('tbody').replaceChildren(...tableRows(points).map(p => {
    const tr = document.createElement('tr');
    tr.append(cell(p.shown, true), cell(String(p.present)));
    return tr;
  }));
  $('attendees').querySelector('tbody').replaceChildren(...attendees.map(a => {
    const tr = document.createElement('tr');
    tr.append(cell(a.name, true), cell(a.email || '—'), cell(t(`role-${a.role}`)), cell(formatTime(a.joinedAt)),
      cell(a.leftAt ? formatTime(a.leftAt) : t('stillThere')), cell(String(Math.round(a.totalSeconds / 60))));
    return tr;
  }));
  $('recordings-none').hidden = recordings.length > 0;
  $('recordings-wrap').hidden = recordings.length === 0;
  $('recordings').querySelector('tbody').replaceChildren(...recordings.map(r => {
    const tr = document.createElement('tr');
    const link = document.createElement('a');
    link.href = r.file;
    link.download = `recording-${r.id}.webm`;
    link.textContent = t('recordingDownload', { name: r.participantName });
    const download = document.createElement('td');
    download.append(link);
    tr.append(cell(r.participantName, true), cell(t(r.source === 'screen' ? 'recordingScreen' : 'recordingCamera')),
      cell(formatTime(r.startedAt)), cell(`${Math.round(r.durationMs / 1000)} s`), cell(formatSize(r.size)), download);
    return tr;
  }));
}

let conferenceName = '';
await startPage();
$('back-to-room').href = `/organiser/rooms/${conferenceId}`;
$('csv').href = `/api/v1/conferences/${conferenceId}/sessions/${sessionId}/attendees.csv`;
$('report').href = `/api/v1/conferences/${conferenceId}/sessions/${sessionId}/report.html`;
try {
  const conference = await api('GET', `/api/v1/conferences/${conferenceId}`);
  if (conference.status !== 200) throw new Error(conference.body.message || conference.status);
  conferenceName = conference.body.name;
  session = (await all(`/api/v1/conferences/${conferenceId}/sessions`)).find(s => String(s.id) === sessionId);
  if (!session) throw new Error(t('sessionNotFound'));
  const reply = await api('GET', `/api/v1/conferences/${conferenceId}/sessions/${sessionId}/attendees`);
  if (reply.status !== 200) throw new Error(reply.body.message || reply.status);
  attendees = reply.body.data;
  recordings = (await all(`/api/v1/conferences/${conferenceId}/recordings`)).filter(r => String(r.sessionId) === sessionId);
  render();
  onLanguageChange(render);
} catch (e) {
  say($('status'), 'requestFailed', { reason: e.message });
}
ready();
