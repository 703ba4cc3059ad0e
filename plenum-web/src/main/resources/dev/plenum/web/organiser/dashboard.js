// The organisation's rooms, the next to start first: each with its kind, when it takes place (or that it is always
// open) and its stable join link with a copy button.
import { onLanguageChange } from '../i18n.js';
import { $, all, copy, formatWhen, joinLink, ready, say, startPage, t } from './common.js';

let rooms = [];

/** Upcoming scheduled rooms by start, then permanent rooms, then those already over (latest first). */
function order(a, b) {
  const now = Date.now();
  const rank = c => c.permanentRoom ? 1 : Date.parse(c.endsAtUtc) < now ? 2 : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 0) return Date.parse(a.startsAtUtc) - Date.parse(b.startsAtUtc);
  if (rank(a) === 2) return Date.parse(b.startsAtUtc) - Date.parse(a.startsAtUtc);
  return a.name.localeCompare(b.name);
}

function when(c) {
  if (c.permanentRoom) return t('alwaysOpen');
  const text = t('startsWhen', { when: formatWhen(c.startsAtUtc, c.timeZone), minutes: c.durationMinutes });
  return Date.parse(c.endsAtUtc) < Date.now() ? `${text} ${t('roomOver')}` : text;
}

function card(c) {
  const li = document.createElement('li');
  li.className = 'room-card';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = `/organiser/rooms/${c.id}`;
  link.textContent = c.name;
  heading.append(link);
  const facts = document.createElement('p');
  facts.textContent = `${t(c.roomType === 'webinar' ? 'kindWebinarShort' : 'kindMeetingShort')} · ${when(c)}`;
  const label = document.createElement('label');
  const fieldId = `link-${c.id}`;
  label.htmlFor = fieldId;
  label.textContent = t('joinLinkOf', { name: c.name });
  const row = document.createElement('div');
  row.className = 'copy-row';
  const field = document.createElement('input');
  field.type = 'text';
  field.readOnly = true;
  field.id = fieldId;
  field.value = joinLink(c.roomName);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('copyLink');
  button.setAttribute('aria-describedby', fieldId);
  button.addEventListener('click', () => copy(field.value, field, $('status')));
  row.append(field, button);
  li.append(heading, facts, label, row);
  return li;
}

function render() {
  $('rooms').replaceChildren(...rooms.map(card));
  $('rooms-empty').hidden = rooms.length > 0;
}

await startPage();
document.title = t('dashboardHeading');
try {
  rooms = (await all('/api/v1/conferences')).sort(order);
  render();
  onLanguageChange(() => { document.title = t('dashboardHeading'); render(); });
} catch (e) {
  say($('status'), 'requestFailed', { reason: e.message });
}
ready();
