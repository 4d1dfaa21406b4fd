// The dispute desk (OPERATOR, ADMIN): disputed orders, oldest first, each with its history and ledger;
// resolve with REFUND, RELEASE or PARTIAL_REFUND, the refund amount checked (0 < amount < price, two
// decimals) before anything is sent. An order can also be opened by id (from seller trust or an alert).
import { gql, mutate } from '../api.js';
import { documents } from '../documents.js';
import { h, replace, errorBox, table } from '../dom.js';
import { money, when, label, cents, fromCents } from '../format.js';
import { oldestFirst, queueProblem } from './queue.js';


export function disputesPage(root, context, { params }) {
  const list = h('div', { id: 'dispute-queue' });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const opened = h('div', { id: 'dispute-opened' });
  const orderInput = h('input', { id: 'open-order', name: 'order', value: params.get('order') ?? '' });
  const openForm = h('form', { class: 'row', 'aria-label': 'Open an order by id' },
    h('label', { for: 'open-order' }, 'Order id', orderInput), h('button', { type: 'submit' }, 'Open order'));
  openForm.addEventListener('submit', event => { event.preventDefault(); openOrder(orderInput.value.trim()); });
  replace(root, h('div', { class: 'row' }, h('h1', {}, 'Dispute desk'), h('button', { type: 'button', onclick: () => load() }, 'Refresh')),
    openForm, opened, h('h2', {}, 'Disputed orders, oldest first'), status, list);

  async function openOrder(id, message) {
    if (!id) return;
    if (!message) replace(opened, h('p', { class: 'hint' }, 'Loading…'));
    try {
      const { order } = await gql(documents.DisputedOrder, { id });
      replace(opened, message, order ? card(order, done => { openOrder(id, done); load(); }) : errorBox(new Error(`No order "${id}".`)));
    } catch (error) { replace(opened, errorBox(error)); }
  }

  async function load(message) {
    replace(status, message ?? h('span', { class: 'hint' }, 'Loading the queue…'));
    try {
      const orders = await oldestFirst({ status: ['DISPUTED'] }, documents.DisputeQueue);
      replace(list, orders.length ? orders.map(order => card(order, load)) : h('p', { class: 'hint' }, 'No open dispute.'));
      if (!message) replace(status, h('span', { class: 'hint' }, `${orders.length} open dispute(s).`));
    } catch (error) {
      replace(status, errorBox(queueProblem(error)));
      if (error.isAuth) context.onAuthFailure(error);
    }
  }
  if (params.get('order')) openOrder(params.get('order'));
  load();
}

function card(order, reload) {
  return h('section', { class: 'panel', 'data-order': order.id, 'aria-label': `Order ${order.id}` },
    h('h2', {}, `${order.item.title} · ${money(order.price)} · ${label(order.status)}`),
    h('p', {}, `Order ${order.id} · seller `, h('a', { href: `#/trust?seller=${encodeURIComponent(order.seller.id)}` }, order.seller.displayName), ` · buyer ${order.buyer.id}`),
    order.dispute ? h('p', {}, `Dispute opened ${when(order.dispute.openedAt)}: “${order.dispute.reason}”`,
      order.dispute.outcome ? ` · resolved ${label(order.dispute.outcome)}${order.dispute.refundAmount ? ` (${money(order.dispute.refundAmount)} refunded)` : ''} ${when(order.dispute.resolvedAt)}` : '') : null,
    h('div', { class: 'grid' },
      h('div', {}, h('h3', {}, 'History'), table(['Status', 'At', 'Note'], order.history.map(e => [label(e.status), when(e.at), e.note ?? '']))),
      h('div', {}, h('h3', {}, 'Ledger'), table(['Kind', 'Amount', 'Party', 'At'], order.ledger.map(e => [e.kind, money(e.amount), e.party, when(e.at)])), balance(order))),
    order.status === 'DISPUTED' ? resolveForm(order, reload) : null);
}

/** HOLD against RELEASE + FEE + REFUND, in cents: equal at a terminal status, never more before it. */
function balance(order) {
  const sum = kinds => order.ledger.filter(e => kinds.includes(e.kind)).reduce((total, e) => total + cents(e.amount), 0n);
  const held = sum(['HOLD']);
  const paidOut = sum(['RELEASE', 'FEE', 'REFUND']);
  const text = `Held ${money(fromCents(held))}; released + fee + refunded ${money(fromCents(paidOut))}`;
  return h('p', { 'data-balanced': String(held === paidOut) }, text, held === paidOut ? ' — balanced.' : ' — still held in escrow.');
}

function resolveForm(order, reload) {
  const id = suffix => `resolve-${order.id}-${suffix}`;
  const outcomes = [['REFUND', 'Refund the buyer in full'], ['RELEASE', 'Release to the seller'], ['PARTIAL_REFUND', 'Partial refund']];
  const radios = outcomes.map(([value, text], index) => {
    const input = h('input', { type: 'radio', name: id('outcome'), id: id(value), value, checked: index === 0 });
    return { input, label: h('label', { for: id(value), style: 'flex-direction: row; align-items: center; gap: 6px' }, input, text) };
  });
  const amount = h('input', { id: id('amount'), name: 'refundAmount', inputmode: 'decimal', placeholder: '0.00', 'aria-describedby': id('check') });
  const amountLabel = h('label', { for: id('amount') }, 'Refund amount (¥)', amount);
  const check = h('div', { id: id('check'), 'aria-live': 'polite' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Resolve dispute');
  const form = h('form', { 'aria-label': `Resolve the dispute on order ${order.id}` },
    h('fieldset', { class: 'row' }, h('legend', {}, 'Outcome'), radios.map(r => r.label), amountLabel),
    check, h('div', { class: 'row' }, submit), outcome);

  const chosen = () => radios.find(r => r.input.checked).input.value;
  const price = cents(order.price);
  // Returns the words for what will happen, or null with a problem shown when the amount is not acceptable.
  const explain = () => {
    const kind = chosen();
    amountLabel.hidden = kind !== 'PARTIAL_REFUND';
    if (kind === 'REFUND') return `The buyer gets ${money(order.price)} back; the order becomes REFUNDED; the seller loses the dispute.`;
    if (kind === 'RELEASE') return `The seller gets ${money(order.price)} less the ${money(order.fee)} fee; the order becomes COMPLETED.`;
    const refund = cents(amount.value);
    if (refund === null) return { problem: 'Enter the refund amount in yuan with at most two decimals, e.g. 25.50.' };
    if (refund <= 0n || refund >= price) return { problem: `The refund must be more than 0 and less than the price, ${money(order.price)}.` };
    return `The buyer gets ${money(fromCents(refund))} back; the platform fee is taken on ${money(fromCents(price - refund))} and the seller gets the rest; the order becomes COMPLETED; the seller loses the dispute.`;
  };
  const showCheck = () => {
    const words = explain();
    replace(check, typeof words === 'string' ? h('div', { class: 'consequence' }, h('strong', {}, 'If you resolve: '), words)
      : chosen() === 'PARTIAL_REFUND' && amount.value ? h('div', { class: 'error', role: 'alert' }, words.problem) : h('p', { class: 'hint' }, words.problem));
    return typeof words === 'string';
  };
  form.addEventListener('input', showCheck);
  form.addEventListener('change', showCheck);
  showCheck();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!showCheck()) { replace(check, h('div', { class: 'error', role: 'alert' }, explain().problem)); amount.focus(); return; }
    submit.disabled = true;
    replace(outcome);
    const kind = chosen();
    try {
      const resolved = await mutate(documents.ResolveDispute,
        { i: { orderId: order.id, outcome: kind, refundAmount: kind === 'PARTIAL_REFUND' ? fromCents(cents(amount.value)) : null } }, 'resolveDispute', 'order');
      // The queue and the opened order are read again (the order leaves the queue); the result stays in view.
      reload(h('div', { class: 'ok', 'data-result': resolved.status }, `Dispute on order ${resolved.id} resolved: the order is now ${label(resolved.status)}.`));
    } catch (error) {
      // Nothing is cleared: the operator fixes the amount or the outcome and sends again.
      replace(outcome, errorBox(error));
      submit.disabled = false;
    }
  });
  return form;
}
