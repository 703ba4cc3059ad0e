// The room's chat: public, to the hosts, or private to one person. Text is always shown as text (textContent),
// never as markup, so nobody can run code on anyone else's page through a message.
import { say, t } from './i18n.js';

const $ = id => document.getElementById(id);

export class Chat {
  constructor({ send, announce, nameOf, selfId }) {
    this.send = send;
    this.announce = announce;
    this.nameOf = nameOf;   // participantId -> display name (or undefined once they left)
    this.selfId = selfId;   // () -> my participant id
    this.unread = 0;
    this.shown = new Set(); // message ids, so a resumed welcome does not repeat history
    $('toggle-chat').addEventListener('click', () => this.setOpen($('chat-panel').hidden));
    $('chat-form').addEventListener('submit', e => { e.preventDefault(); this.submit(); });
    $('chat-text').addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.submit(); }
    });
  }

  setOpen(open) {
    $('chat-panel').hidden = !open;
    $('toggle-chat').setAttribute('aria-expanded', String(open));
    if (open) { this.unread = 0; this.renderUnread(); $('chat-text').focus(); }
  }

  /** The people one may write to: everyone, the hosts, or any one person in the room. */
  updateRecipients(people) {
    const select = $('chat-to');
    const chosen = select.value || 'everyone';
    const options = [['everyone', t('chatToEveryone')], ['hosts', t('chatToHosts')],
      ...[...people].map(([id, p]) => [id, p.name])];
    select.replaceChildren(...options.map(([value, label]) => {
      const option = document.createElement('option');
      option.value = value; option.textContent = label;
      return option;
    }));
    select.value = options.some(([value]) => value === chosen) ? chosen : 'everyone';
  }

  history(messages) {
    for (const m of messages) this.show(m, false);
  }

  receive(message) {
    this.show(message, message.from !== this.selfId());
  }

  show(m, isNews) {
    if (this.shown.has(m.id)) return;
    this.shown.add(m.id);
    const li = document.createElement('li');
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = m.from === this.selfId() ? t('chatFromYou') : m.fromName;
    li.append(from);
    const audience = this.audienceNote(m);
    if (audience) {
      const note = document.createElement('span');
      note.className = 'audience';
      note.textContent = ` (${audience})`;
      li.append(note);
    }
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = m.text;
    li.append(text);
    $('chat-messages').append(li);
    li.scrollIntoView({ block: 'nearest' });
    if (!isNews) return;
    this.announce(t('chatAnnouncement', { name: m.fromName, text: m.text }));
    if ($('chat-panel').hidden) { this.unread++; this.renderUnread(); }
  }

  audienceNote(m) {
    if (m.to === 'everyone') return null;
    if (m.to === 'hosts') return t('chatNoteToHosts');
    if (m.to === this.selfId()) return t('chatNotePrivateToYou');
    return t('chatNotePrivateTo', { name: this.nameOf(m.to) ?? '' });
  }

  renderUnread() {
    const badge = $('chat-unread');
    if (this.unread) say(badge, 'chatUnread', { count: this.unread }); else badge.textContent = '';
  }

  submit() {
    const text = $('chat-text').value.trim();
    if (!text) return;
    this.send({ type: 'chat', text, to: $('chat-to').value || 'everyone' });
    $('chat-text').value = '';
  }
}
