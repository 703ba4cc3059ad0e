// Host controls: mute one person or everyone, stop someone's camera, invite an attendee to speak or stop a presenter
// presenting, remove someone, lock the meeting, download the session's report.
// The server checks every one of these rights; this panel only offers them to hosts.
import { sendButton } from './controls.js';
import { say, t } from './i18n.js';

const $ = id => document.getElementById(id);

export class HostControls {
  constructor(send) {
    this.send = send;
    $('toggle-host').addEventListener('click', () => {
      const open = $('host-panel').hidden;
      $('host-panel').hidden = !open;
      $('toggle-host').setAttribute('aria-expanded', String(open));
    });
    $('mute-everyone').addEventListener('click', () => this.send({ type: 'muteEveryone' }));
    $('lobby-toggle').addEventListener('click', e => {
      this.send({ type: 'setLobby', enabled: e.currentTarget.getAttribute('aria-pressed') !== 'true' });
    });
    this.waiting = [];
    $('lock-room').addEventListener('click', e => {
      this.send({ type: 'lockRoom', locked: e.currentTarget.getAttribute('aria-pressed') !== 'true' });
    });
    $('record').addEventListener('click', e => {
      this.send({ type: 'record', on: e.currentTarget.getAttribute('aria-pressed') !== 'true' });
    });
  }

  /** Shows the controls to hosts only, with one row of actions per other participant. */
  render(myRole, people) {
    const isHost = myRole === 'host';
    $('toggle-host').hidden = !isHost;
    if (!isHost) { $('host-panel').hidden = true; $('toggle-host').setAttribute('aria-expanded', 'false'); }
    $('host-people').replaceChildren(...[...people].map(([id, p]) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'who';
      name.textContent = p.name;
      li.append(name);
      if (p.role === 'attendee') li.append(this.action(t('inviteToSpeak', { name: p.name }), { type: 'promote', participantId: id }));
      if (p.role === 'presenter') li.append(this.action(t('stopPresentingOf', { name: p.name }), { type: 'demote', participantId: id }));
      li.append(
        this.action(t('muteParticipant', { name: p.name }), { type: 'muteParticipant', participantId: id, kind: 'audio' }),
        this.action(t('stopVideoOf', { name: p.name }), { type: 'muteParticipant', participantId: id, kind: 'video' }),
        this.action(t('removeParticipant', { name: p.name }), { type: 'removeParticipant', participantId: id }, 'danger'));
      return li;
    }));
  }

  /** The lobby as the server reports it to hosts: on or off, and who waits, first come first. */
  showLobby(enabled, waiting, announce) {
    $('lobby-toggle').setAttribute('aria-pressed', String(enabled));
    const known = new Set(this.waiting.map(p => p.id));
    for (const p of waiting) if (!known.has(p.id)) announce(t('waitingAnnouncement', { name: p.name }));
    this.waiting = waiting;
    $('lobby-panel').hidden = waiting.length === 0;
    $('lobby-list').replaceChildren(...waiting.map(p => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'who';
      name.textContent = p.name;
      li.append(name,
        this.action(t('letIn', { name: p.name }), { type: 'admit', participantId: p.id, admitted: true }),
        this.action(t('turnAway', { name: p.name }), { type: 'admit', participantId: p.id, admitted: false }, 'danger'));
      return li;
    }));
  }

  /**
   * Hosts of a planned room: the live session's report, a plain link (the host's browser is signed in). Only such a
   * room can be recorded, so the Record button appears with it.
   */
  showReport(report) {
    const link = $('download-report');
    link.href = report.html;
    link.hidden = false;
    $('record').hidden = false;
  }

  /** The button says what pressing it does: "Record" or "Stop recording". */
  showRecording(on) {
    const button = $('record');
    button.setAttribute('aria-pressed', String(on));
    say(button, on ? 'stopRecording' : 'startRecording');
  }

  showLocked(locked) {
    $('lock-room').setAttribute('aria-pressed', String(locked));
  }

  action(label, message, className) {
    return sendButton(label, this.send, message, className);
  }
}
