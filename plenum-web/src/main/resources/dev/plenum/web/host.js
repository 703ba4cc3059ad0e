// Host controls: mute one person or everyone, stop someone's camera, remove someone, lock the meeting.
// The server checks every one of these rights; this panel only offers them to hosts.
import { t } from './i18n.js';

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
    $('lock-room').addEventListener('click', e => {
      this.send({ type: 'lockRoom', locked: e.currentTarget.getAttribute('aria-pressed') !== 'true' });
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
      li.append(name,
        this.action(t('muteParticipant', { name: p.name }), { type: 'muteParticipant', participantId: id, kind: 'audio' }),
        this.action(t('stopVideoOf', { name: p.name }), { type: 'muteParticipant', participantId: id, kind: 'video' }),
        this.action(t('removeParticipant', { name: p.name }), { type: 'removeParticipant', participantId: id }, 'danger'));
      return li;
    }));
  }

  showLocked(locked) {
    $('lock-room').setAttribute('aria-pressed', String(locked));
  }

  action(label, message, className) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    if (className) button.className = className;
    button.addEventListener('click', () => this.send(message));
    return button;
  }
}
