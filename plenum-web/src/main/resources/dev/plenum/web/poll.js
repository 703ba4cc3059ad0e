// Polls: hosts ask, everyone votes, hosts see results live and may show them to everyone.
import { sendButton } from './controls.js';
import { t } from './i18n.js';

const $ = id => document.getElementById(id);

export class Polls {
  constructor({ send, announce, isHost, nameOf }) {
    this.send = send;
    this.announce = announce;
    this.isHost = isHost;
    this.nameOf = nameOf;
    this.polls = new Map();
    $('toggle-polls').addEventListener('click', () => {
      const open = $('polls-panel').hidden;
      $('polls-panel').hidden = !open;
      $('toggle-polls').setAttribute('aria-expanded', String(open));
      this.render();
    });
    $('poll-form').addEventListener('submit', e => {
      e.preventDefault();
      const options = $('poll-options').value.split('\n').map(o => o.trim()).filter(Boolean);
      this.send({ type: 'createPoll', question: $('poll-question').value.trim(), options,
        multiple: $('poll-multiple').checked, anonymous: $('poll-anonymous').checked });
      $('poll-question').value = ''; $('poll-options').value = '';
    });
  }

  all(polls) {
    this.polls = new Map(polls.map(p => [p.id, p]));
    this.render();
  }

  changed(poll) {
    const before = this.polls.get(poll.id);
    this.polls.set(poll.id, poll);
    if (!before) this.announce(t('newPollAnnouncement', { question: poll.question }));
    else if (poll.resultsShared && !before.resultsShared) this.announce(t('pollResultsAnnouncement', { question: poll.question }));
    this.render();
  }

  render() {
    $('poll-form').hidden = !this.isHost();
    const newestFirst = [...this.polls.values()].sort((a, b) => b.id - a.id);
    $('poll-list').replaceChildren(...newestFirst.map(p => this.item(p)));
  }

  item(p) {
    const li = document.createElement('li');
    const form = document.createElement('form');
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = p.question;
    fieldset.append(legend);
    p.options.forEach((option, i) => {
      const id = `poll-${p.id}-${i}`;
      const input = document.createElement('input');
      input.type = p.multiple ? 'checkbox' : 'radio';
      input.name = `poll-${p.id}`; input.id = id; input.value = String(i);
      input.checked = p.myChoices.includes(i);
      input.disabled = p.status !== 'open';
      const label = document.createElement('label');
      label.htmlFor = id; label.className = 'inline'; label.textContent = option;
      const row = document.createElement('div');
      row.append(input, ' ', label);
      fieldset.append(row);
    });
    form.append(fieldset);
    if (p.status === 'open') {
      const vote = document.createElement('button');
      vote.type = 'submit'; vote.textContent = t(p.myChoices.length ? 'changeVote' : 'vote');
      form.append(vote);
    } else {
      const closed = document.createElement('p');
      closed.textContent = t('pollClosed');
      form.append(closed);
    }
    form.addEventListener('submit', e => {
      e.preventDefault();
      const choices = [...form.querySelectorAll('input:checked')].map(input => Number(input.value));
      if (choices.length) this.send({ type: 'vote', pollId: p.id, choices });
    });
    li.append(form);
    if (p.counts) li.append(this.results(p));
    if (this.isHost()) {
      const actions = document.createElement('div');
      actions.className = 'actions';
      if (p.status === 'open') actions.append(this.button(t('closePoll'), { type: 'closePoll', pollId: p.id }));
      if (!p.resultsShared) actions.append(this.button(t('shareResults'), { type: 'sharePollResults', pollId: p.id }));
      li.append(actions);
    }
    return li;
  }

  results(p) {
    const list = document.createElement('ul');
    list.className = 'results';
    list.setAttribute('aria-label', t('pollResults'));
    p.options.forEach((option, i) => {
      const count = p.counts[i];
      const share = p.voters ? Math.round((100 * count) / p.voters) : 0;
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = t('pollResultLine', { option, count, percent: share });
      const bar = document.createElement('span');
      bar.className = 'bar'; bar.style.width = `${share}%`; bar.setAttribute('aria-hidden', 'true');
      item.append(text, bar);
      const names = p.votersByOption?.[i]?.map(id => this.nameOf(id)).filter(Boolean);
      if (names?.length) {
        const who = document.createElement('span');
        who.className = 'who'; who.textContent = ` (${names.join(', ')})`;
        text.append(who);
      }
      list.append(item);
    });
    return list;
  }

  button(label, message) {
    return sendButton(label, this.send, message);
  }
}
