// The alert feed: the dashboard's latest alerts, then each new one live (alertRaised), filterable by kind
// and severity; each links to its seller, category and item.
import { gql } from '../api.js';
import { h, replace, errorBox } from '../dom.js';
import { label } from '../format.js';
import { alertItem } from './market.js';
import { documents } from '../documents.js';

const kinds = ['SLOW_MOVING', 'PRICE_ANOMALY', 'SELLER_BELOW_STANDARD', 'SELF_DEALING', 'LISTING_BURST', 'REPEATED_CANCELLATIONS', 'RENTAL_OVERDUE', 'OFFER_SPAM'];
const severities = ['CRITICAL', 'WARNING', 'INFO'];

export function alertsPage(root, context) {
  const kind = h('select', { id: 'alert-kind' }, h('option', { value: '' }, 'All kinds'), kinds.map(k => h('option', { value: k }, label(k))));
  const severity = h('select', { id: 'alert-severity' }, h('option', { value: '' }, 'All severities'), severities.map(s => h('option', { value: s }, label(s))));
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'plain', id: 'alert-list', 'aria-label': 'Alerts' });
  let alerts = [];
  replace(root,
    h('h1', {}, 'Alerts'),
    h('div', { class: 'row' }, h('label', { for: 'alert-kind' }, 'Kind', kind), h('label', { for: 'alert-severity' }, 'Severity', severity), status),
    h('section', { class: 'panel', 'aria-label': 'Alert feed' }, list));

  const draw = () => {
    const shown = alerts.filter(alert => (!kind.value || alert.kind === kind.value) && (!severity.value || alert.severity === severity.value));
    replace(list, shown.length ? shown.map(alertItem) : h('li', { class: 'hint' }, 'No alerts match.'));
  };
  kind.addEventListener('change', draw);
  severity.addEventListener('change', draw);

  gql(documents.Alerts)
    .then(data => { alerts = data.dashboard.alerts; draw(); })
    .catch(error => { replace(status, errorBox(error)); if (error.isAuth) context.onAuthFailure(error); });

  const stop = context.live.subscribe(documents.AlertRaised, {}, data => { alerts = [data.alertRaised, ...alerts]; draw(); },
    error => replace(status, errorBox(new Error(`Live alerts stopped: ${error.message}`))));
  return stop;
}
