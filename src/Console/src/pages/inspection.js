// The inspection desk (INSPECTOR): parcels shipped to inspection and being inspected, oldest first;
// receive a parcel; report on it with the consequences spelled out before the report is sent.
import { mutate } from '../api.js';
import { documents } from '../documents.js';
import { h, replace, errorBox } from '../dom.js';
import { money, when, label } from '../format.js';
import { oldestFirst, queueProblem } from './queue.js';

const grades = ['NEW', 'LIKE_NEW', 'EXCELLENT', 'GOOD', 'FAIR', 'FOR_PARTS'];

export function inspectionPage(root, context) {
  const list = h('div', { id: 'inspection-queue' });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  replace(root, h('div', { class: 'row' }, h('h1', {}, 'Inspection desk'), h('button', { type: 'button', onclick: () => load() }, 'Refresh')), status, list);

  async function load(message) {
    replace(status, message ?? h('span', { class: 'hint' }, 'Loading the queue…'));
    try {
      const orders = await oldestFirst({ status: ['SHIPPED_TO_INSPECTION', 'INSPECTING'], withInspection: true }, documents.InspectionQueue);
      replace(list, orders.length ? orders.map(order => card(order, load)) : h('p', { class: 'hint' }, 'No parcel is waiting for inspection.'));
      if (!message) replace(status, h('span', { class: 'hint' }, `${orders.length} parcel(s), oldest first.`));
    } catch (error) {
      replace(status, errorBox(queueProblem(error)));
      if (error.isAuth) context.onAuthFailure(error);
    }
  }
  load();
}

function card(order, reload) {
  const item = order.item;
  const section = h('section', { class: 'panel', 'data-order': order.id, 'aria-label': `Order ${order.id}` },
    h('h2', {}, `${item.title} · ${money(order.price)}`),
    h('p', {}, `Order ${order.id} · ${label(order.status)} · placed ${when(order.history[0]?.at)} · ${item.category.name} · claimed ${label(item.claimedGrade)}, accessories ${item.accessoriesComplete ? 'complete' : 'incomplete'}`),
    item.description ? h('p', { class: 'hint' }, item.description) : null);
  const outcome = h('div', { 'aria-live': 'polite' });
  if (order.status === 'SHIPPED_TO_INSPECTION') {
    const button = h('button', { type: 'button' }, 'Receive parcel');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const received = await mutate(documents.ReceiveParcel,
          { i: { orderId: order.id } }, 'receiveForInspection', 'order');
        // Show the report form from the mutation's answer: the queue is a projection that may still say
        // SHIPPED_TO_INSPECTION for a moment, and the inspector should not wait for it.
        const next = card({ ...order, status: received.status }, reload);
        next.querySelector('h2').after(h('div', { class: 'ok' }, `Parcel of order ${received.id} received: ${label(received.status)}.`));
        section.replaceWith(next);
      } catch (error) { replace(outcome, errorBox(error)); button.disabled = false; }
    });
    section.append(button, outcome);
  } else {
    section.append(reportForm(order, reload));
  }
  return section;
}

function reportForm(order, reload) {
  const id = suffix => `report-${order.id}-${suffix}`;
  const grade = h('select', { id: id('grade') }, grades.map(g => h('option', { value: g, selected: g === order.item.claimedGrade }, label(g))));
  const check = (name, text, checked) => {
    const box = h('input', { type: 'checkbox', id: id(name), checked });
    return [box, h('label', { for: id(name), style: 'flex-direction: row; align-items: center; gap: 6px' }, box, text)];
  };
  const [authentic, authenticLabel] = check('authentic', 'Authentic', true);
  const [matches, matchesLabel] = check('matches', 'Matches the description', true);
  const [accessories, accessoriesLabel] = check('accessories', 'Accessories complete', order.item.accessoriesComplete);
  const notes = h('textarea', { id: id('notes'), rows: 2, cols: 50 });
  const consequences = h('div', { class: 'consequence', 'aria-live': 'polite', 'data-consequences': '' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Submit report');
  const form = h('form', { 'aria-label': `Inspection report for order ${order.id}` },
    h('div', { class: 'row' }, h('label', { for: id('grade') }, 'Verified grade', grade), authenticLabel, matchesLabel, accessoriesLabel),
    h('div', { class: 'row' }, h('label', { for: id('notes') }, 'Notes', notes)),
    consequences, h('div', { class: 'row' }, submit), outcome);

  const explain = () => {
    const passed = authentic.checked && matches.checked;
    const lines = passed
      ? [`Passes: the order becomes INSPECTION PASSED, then SHIPPED (forwarded to the buyer).`]
      : [`Fails: the order becomes INSPECTION FAILED, then REFUNDED: ${money(order.price)} goes back to the buyer.`,
        authentic.checked ? 'The item goes back to LISTED.' : 'The item is DELISTED (not authentic).'];
    if (grades.indexOf(grade.value) > grades.indexOf(order.item.claimedGrade) || !matches.checked) lines.push('The seller is charged a description mismatch (lowers the credit score).');
    if (!authentic.checked) lines.push('The seller is charged an authenticity failure (lowers the credit score).');
    lines.push(`The item's verified grade becomes ${label(grade.value)}.`);
    consequences.className = `consequence${passed ? ' pass' : ''}`;
    replace(consequences, h('strong', {}, 'If you submit: '), lines.join(' '));
    submit.textContent = passed ? 'Submit passing report' : 'Submit failing report';
    submit.className = passed ? '' : 'danger';
  };
  form.addEventListener('change', explain);
  explain();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    replace(outcome);
    try {
      const result = await mutate(documents.SubmitInspectionReport,
        { i: { orderId: order.id, verifiedGrade: grade.value, authentic: authentic.checked, matchesDescription: matches.checked, accessoriesComplete: accessories.checked, notes: notes.value || null } },
        'submitInspectionReport', 'order');
      reload(h('div', { class: 'ok', 'data-result': result.status }, `Report on order ${result.id} submitted: the order is now ${label(result.status)}.`));
    } catch (error) {
      // The form keeps every value: the inspector corrects and sends again.
      replace(outcome, errorBox(error));
      submit.disabled = false;
    }
  });
  return form;
}
