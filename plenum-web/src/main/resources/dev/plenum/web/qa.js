// Q&A: attendees ask (optionally without their name) and upvote; hosts answer, publicly or privately, mark
// questions answered or dismiss them. The server decides what each person may see; this only shows it.
import { sendButton } from './controls.js';
import { say, t } from './i18n.js';

const $ = id => document.getElementById(id);

export class QuestionsAndAnswers {
  constructor({ send, announce, isHost }) {
    this.send = send;
    this.announce = announce;
    this.isHost = isHost;
    this.questions = new Map(); // id -> question as the server showed it to me
    $('toggle-qa').addEventListener('click', () => {
      const open = $('qa-panel').hidden;
      $('qa-panel').hidden = !open;
      $('toggle-qa').setAttribute('aria-expanded', String(open));
      if (open) $('qa-text').focus();
    });
    $('qa-form').addEventListener('submit', e => {
      e.preventDefault();
      const text = $('qa-text').value.trim();
      if (!text) return;
      this.send({ type: 'ask', text, anonymous: $('qa-anonymous').checked });
      $('qa-text').value = '';
    });
  }

  all(questions) {
    this.questions = new Map(questions.map(q => [q.id, q]));
    this.render();
  }

  changed(q) {
    const before = this.questions.get(q.id);
    this.questions.set(q.id, q);
    if (!before && !q.mine) this.announce(t('questionAskedAnnouncement'));
    if (q.answer && !before?.answer && q.mine) this.announce(t('yourQuestionAnswered'));
    this.render();
  }

  hidden(id) {
    this.questions.delete(id);
    this.render();
  }

  // Most upvoted first, then oldest first; answered and dismissed ones sink to the end.
  render() {
    const rank = q => (q.status === 'open' ? 0 : 1);
    const sorted = [...this.questions.values()].sort((a, b) => rank(a) - rank(b) || b.votes - a.votes || a.id - b.id);
    $('qa-list').replaceChildren(...sorted.map(q => this.item(q)));
    say($('qa-empty'), 'noQuestions');
    $('qa-empty').hidden = sorted.length > 0;
  }

  item(q) {
    const li = document.createElement('li');
    li.className = `question ${q.status}`;
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = q.text;
    const meta = document.createElement('p');
    meta.className = 'meta';
    const who = q.mine ? t('askedByYou') : (q.askerName ?? t('anonymous'));
    meta.textContent = [who, t('votes', { count: q.votes }), q.status === 'open' ? '' : t(`questionStatus-${q.status}`)]
      .filter(Boolean).join(' · ');
    li.append(text, meta);
    if (q.answer) {
      const answer = document.createElement('p');
      answer.className = 'answer';
      answer.textContent = t(q.answer.private ? 'privateAnswerBy' : 'answerBy', { name: q.answer.by, text: q.answer.text });
      li.append(answer);
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    const upvote = this.button(t('upvote'), { type: 'upvote', questionId: q.id });
    upvote.setAttribute('aria-pressed', String(q.votedByMe));
    upvote.setAttribute('aria-label', t('upvoteQuestion', { text: q.text.slice(0, 60) }));
    actions.append(upvote);
    if (this.isHost()) {
      const form = document.createElement('form');
      form.className = 'answer-form';
      const id = `qa-answer-${q.id}`;
      const label = document.createElement('label');
      label.htmlFor = id; label.textContent = t('yourAnswer');
      const input = document.createElement('input');
      input.type = 'text'; input.id = id; input.maxLength = 2000;
      const privateId = `qa-private-${q.id}`;
      const check = document.createElement('input');
      check.type = 'checkbox'; check.id = privateId;
      const checkLabel = document.createElement('label');
      checkLabel.htmlFor = privateId; checkLabel.className = 'inline'; checkLabel.textContent = t('answerPrivately');
      const submit = document.createElement('button');
      submit.type = 'submit'; submit.textContent = t('sendAnswer');
      form.append(label, input, check, checkLabel, submit);
      form.addEventListener('submit', e => {
        e.preventDefault();
        if (input.value.trim()) this.send({ type: 'answerQuestion', questionId: q.id, text: input.value.trim(), privately: check.checked });
      });
      actions.append(
        this.button(t('markAnswered'), { type: 'questionStatus', questionId: q.id, status: 'answered' }),
        this.button(t('dismiss'), { type: 'questionStatus', questionId: q.id, status: 'dismissed' }));
      li.append(actions, form);
    } else {
      li.append(actions);
    }
    return li;
  }

  button(label, message) {
    return sendButton(label, this.send, message);
  }
}
