// The console shell: sign-in with a token, navigation by the token's roles (from `viewer`), hash routes,
// and the live-connection indicator. Pages live in ./pages and get a context with what they need.
import { gql, session, GraphQLFailure } from './api.js';
import { documents } from './documents.js';
import { h, replace, errorBox } from './dom.js';
import { createLive } from './live.js';
import { signInPage } from './pages/signin.js';
import { marketPage } from './pages/market.js';
import { alertsPage } from './pages/alerts.js';
import { trustPage } from './pages/trust.js';
import { inspectionPage } from './pages/inspection.js';
import { disputesPage } from './pages/disputes.js';
import { categoryPage, regionPage } from './pages/drilldown.js';

const operators = ['OPERATOR', 'ADMIN'];
const pages = [
  { path: 'market', title: 'Market', roles: operators, render: marketPage },
  { path: 'alerts', title: 'Alerts', roles: operators, render: alertsPage },
  { path: 'trust', title: 'Seller trust', roles: operators, render: trustPage },
  { path: 'inspection', title: 'Inspection desk', roles: ['INSPECTOR'], render: inspectionPage },
  { path: 'disputes', title: 'Dispute desk', roles: operators, render: disputesPage },
  { path: 'category', title: 'Category', roles: operators, render: categoryPage, hidden: true },
  { path: 'region', title: 'Region', roles: operators, render: regionPage, hidden: true },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const liveBadge = document.getElementById('live');
let current = { viewer: null, roles: [], live: null, cleanup: null };

function route() {
  const [path = '', ...rest] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/');
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { path, id: rest.length ? decodeURIComponent(rest.join('/')) : null, params };
}

const allowed = page => page.roles.some(role => current.roles.includes(role));

function showLiveState(state) {
  const words = { up: 'Live', back: 'Live connection back', down: 'Live connection lost — reconnecting…', idle: '' };
  liveBadge.textContent = words[state] ?? '';
  liveBadge.className = `live ${state === 'down' ? 'down' : 'up'}`;
  liveBadge.dataset.state = state;
}

async function signIn(token) {
  // viewer is null for the configured admin token (no user behind it) and an error for a bad token.
  const data = await gql(documents.Viewer, {}, token);
  session.token = token;
  current.viewer = data.viewer;
  current.roles = data.viewer ? data.viewer.roles : ['ADMIN'];
  current.live?.dispose();
  current.live = createLive(token, showLiveState);
}

function signOut(message) {
  session.token = null;
  current.live?.dispose();
  current = { viewer: null, roles: [], live: null, cleanup: current.cleanup };
  liveBadge.textContent = '';
  location.hash = '#/signin';
  render(message);
}

function renderChrome() {
  const { path } = route();
  replace(nav, pages.filter(page => !page.hidden && allowed(page)).map(page =>
    h('a', { href: `#/${page.path}`, 'aria-current': page.path === path ? 'page' : null }, page.title)));
  replace(who, current.roles.length ? [
    h('span', {}, current.viewer ? `${current.viewer.displayName} · ${current.roles.join(', ')}` : 'Admin token · ADMIN'),
    h('button', { type: 'button', onclick: () => signOut() }, 'Sign out'),
  ] : []);
}

function render(message) {
  current.cleanup?.();
  current.cleanup = null;
  renderChrome();
  const { path, id, params } = route();
  if (!current.roles.length || path === 'signin') {
    nav.replaceChildren();
    current.cleanup = signInPage(main, { message, onToken: async token => { await signIn(token); location.hash = `#/${firstPage()?.path ?? 'home'}`; render(); } });
    return;
  }
  const page = pages.find(p => p.path === path && allowed(p));
  if (!page) {
    const first = firstPage();
    if (first && !pages.some(p => p.path === path)) { location.hash = `#/${first.path}`; return; }
    replace(main, h('h1', {}, 'Nothing here for your roles'),
      h('p', {}, first ? 'This page needs other roles than your token has.'
        : `Your token's roles (${current.roles.join(', ')}) have no console page: the console is for operators, inspectors and admins.`));
    return;
  }
  document.title = `${page.title} · Marketplace console`;
  const context = { viewer: current.viewer, roles: current.roles, live: current.live, onAuthFailure: error => signOut(error.message) };
  current.cleanup = page.render(main, context, { id, params }) ?? null;
}

const firstPage = () => pages.find(page => !page.hidden && allowed(page));

window.addEventListener('hashchange', () => render());
window.addEventListener('unhandledrejection', event => {
  if (event.reason instanceof GraphQLFailure && event.reason.isAuth) signOut(event.reason.message);
});

(async () => {
  if (session.token) {
    try { await signIn(session.token); }
    catch (error) { session.token = null; render(error.message); return; }
  }
  render();
})().catch(error => replace(main, errorBox(error)));
