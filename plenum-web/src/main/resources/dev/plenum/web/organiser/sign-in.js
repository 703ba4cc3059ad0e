// Sign-in for organisers: e-mail and password (POST /api/v1/login sets the session cookie). A wrong pair, too many
// attempts (429, with how long to wait) and the fields the API names are said in the alert region and at the fields.
import { $, api, clearErrors, ready, say, showErrors, startPage, t } from './common.js';

const form = $('sign-in-form');
const status = $('status');

/** Where to go once signed in: a page of the organiser's own (never another site). */
function next() {
  const wanted = new URLSearchParams(location.search).get('next');
  return wanted && wanted.startsWith('/organiser/') && !wanted.startsWith('//') ? wanted : '/organiser/';
}

function inputFor(field) {
  return field === 'email' ? $('email') : field === 'password' ? $('password') : null;
}

async function submit(event) {
  event.preventDefault();
  clearErrors(form);
  status.textContent = '';
  const email = $('email').value.trim();
  const password = $('password').value;
  const local = [];
  if (!email) local.push({ field: 'email', message: t('emailRequired') });
  if (!password) local.push({ field: 'password', message: t('passwordRequired') });
  if (local.length) { showErrors(local, inputFor, status); return; }
  $('sign-in').disabled = true;
  try {
    const { status: code, body, headers } = await api('POST', '/api/v1/login', { email, password });
    if (code === 200) { location.assign(next()); return; }
    if (code === 401) {
      say(status, 'signInWrong');
      $('password').value = '';
      $('password').focus();
    } else if (code === 429) {
      say(status, 'signInTooMany', { seconds: headers.get('Retry-After') || '60' });
    } else if (body.fields?.length) {
      showErrors(body.fields, inputFor, status);
    } else {
      say(status, 'requestFailed', { reason: body.message || code });
    }
  } catch (e) {
    say(status, 'requestFailed', { reason: e.message });
  } finally {
    $('sign-in').disabled = false;
  }
}

await startPage({ member: false });
document.title = t('signInHeading');
if (new URLSearchParams(location.search).has('signedOut')) say(status, 'signedOut');
form.addEventListener('submit', submit);
$('email').focus();
ready();
