import { h, replace, errorBox } from '../dom.js';

/** Sign-in with a bearer token: the one createUser returns, or the admin token. */
export function signInPage(root, { message, onToken }) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
  const status = h('div', { id: 'signin-status' }, message ? errorBox(new Error(describe(message))) : null);
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'panel signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to the operator console'),
    h('label', { for: 'token' }, 'Bearer token', input),
    h('p', { id: 'token-help', class: 'hint' }, 'The token createUser returned, or the admin token (printed in the gateway log in Development). It is kept in this browser until you sign out.'),
    h('div', { class: 'row' }, button),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    replace(status, h('p', { class: 'hint' }, 'Checking the token…'));
    try { await onToken(input.value.trim()); }
    catch (error) { replace(status, errorBox(new Error(describe(error.message)))); button.disabled = false; input.focus(); }
  });
  replace(root, form);
  input.focus();
}

// Tells a bad token apart from other failures: "Sign-in failed" alone would not say what to do.
function describe(message) {
  return /invalid|expired|revoked|UNAUTHENTICATED|Not signed in/i.test(message)
    ? `This token is not valid: it is mistyped, expired or revoked. Ask for a new one. (${message})`
    : message;
}
