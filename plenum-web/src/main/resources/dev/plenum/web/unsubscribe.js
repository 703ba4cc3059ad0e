// The unsubscribe page, /unsubscribe/<token>: opening the link changes nothing (mail scanners open links); the
// button posts the same request a mail client's one-click unsubscribe does (RFC 8058).
import { loadMessages, say } from './i18n.js';

const $ = id => document.getElementById(id);

async function unsubscribe() {
  const button = $('unsubscribe');
  button.disabled = true;
  try {
    const res = await fetch(location.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    say($('unsubscribe-status'), res.ok ? 'unsubscribeDone' : 'unsubscribeUnknown');
    button.hidden = res.ok;
  } catch {
    say($('unsubscribe-status'), 'unsubscribeUnknown');
  } finally {
    button.disabled = false;
  }
}

await loadMessages();
$('unsubscribe').addEventListener('click', unsubscribe);
document.documentElement.dataset.ready = 'true';
