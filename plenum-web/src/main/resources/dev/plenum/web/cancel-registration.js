// The page of the "cancel my registration" link in registration mails, /cancel-registration/<token>: opening the
// link changes nothing (mail scanners open links); the one button cancels.
import { loadMessages, say } from './i18n.js';

const $ = id => document.getElementById(id);

async function cancelRegistration() {
  const button = $('cancel-registration');
  button.disabled = true;
  try {
    const res = await fetch(location.pathname, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    const done = res.ok && body.status === 'cancelled';
    if (done) say($('cancel-status'), 'cancelRegistrationDone');
    else if (res.ok && body.status === 'denied') say($('cancel-status'), 'registrationDenied');
    else say($('cancel-status'), 'cancelRegistrationUnknown');
    button.hidden = res.ok;
  } catch {
    say($('cancel-status'), 'cancelRegistrationUnknown');
  } finally {
    button.disabled = false;
  }
}

await loadMessages();
$('cancel-registration').addEventListener('click', cancelRegistration);
document.documentElement.dataset.ready = 'true';
