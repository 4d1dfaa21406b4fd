// Seller trust: find a seller by id, or from an order or an item (alerts link here with the item or the
// seller); show the live credit score, band, level, the factors behind the score, the stats, recent sales
// and open disputes.
import { gql, optionalQuery } from '../api.js';
import { documents } from '../documents.js';
import { h, replace, errorBox, table } from '../dom.js';
import { money, count, percent, days, when, label } from '../format.js';

export function trustPage(root, context, { params }) {
  const kindSelect = h('select', { id: 'find-kind' }, ['seller', 'order', 'item'].map(kind => h('option', { value: kind, selected: params.has(kind) }, `${kind} id`)));
  const idInput = h('input', { id: 'find-id', name: 'id', value: params.get('seller') ?? params.get('order') ?? params.get('item') ?? '', required: true });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'row', 'aria-label': 'Find a seller' },
    h('label', { for: 'find-kind' }, 'Find by', kindSelect), h('label', { for: 'find-id' }, 'Id', idInput), h('button', { type: 'submit' }, 'Show trust'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `#/trust?${kindSelect.value}=${encodeURIComponent(idInput.value.trim())}`;
  });
  replace(root, h('h1', {}, 'Seller trust'), form, result);
  const kind = ['seller', 'order', 'item'].find(k => params.has(k));
  if (kind) show(result, kind, params.get(kind), context);
  else idInput.focus();
}

async function sellerIdFrom(kind, id) {
  if (kind === 'seller') return { sellerId: id, via: null };
  if (kind === 'order') {
    const { order } = await gql(documents.SellerOfOrder, { id });
    if (!order) throw new Error(`No order "${id}".`);
    return { sellerId: order.seller.id, via: `order ${order.id} (${label(order.status)}, ${order.item.title})` };
  }
  const { item } = await gql(documents.SellerOfItem, { id });
  if (!item) throw new Error(`No item "${id}".`);
  return { sellerId: item.seller.id, via: `item "${item.title}" (${label(item.status)}, ${money(item.price)})` };
}

async function show(root, kind, id, context) {
  replace(root, h('p', { class: 'hint' }, 'Loading…'));
  try {
    const { sellerId, via } = await sellerIdFrom(kind, id);
    const [{ seller }, sales] = await Promise.all([gql(documents.SellerTrust, { id: sellerId }), optionalQuery(documents.SellerSales, { id: sellerId }, null)]);
    if (!seller) throw new Error(`No seller "${sellerId}".`);
    const stats = seller.stats;
    const stat = (name, value) => [name, value];
    replace(root,
      via ? h('p', { class: 'hint' }, `Seller of ${via}`) : null,
      h('h2', {}, seller.displayName, h('span', { class: 'hint' }, ` · ${seller.id}`)),
      h('section', { class: 'tiles', 'aria-label': 'Trust' },
        h('div', { class: 'tile', 'data-kpi': 'creditScore' }, h('div', { class: 'label' }, 'Credit score'), h('div', { class: 'value' }, seller.creditScore)),
        h('div', { class: 'tile' }, h('div', { class: 'label' }, 'Band'), h('div', { class: 'value' }, label(seller.creditBand))),
        h('div', { class: 'tile' }, h('div', { class: 'label' }, 'Level'), h('div', { class: 'value' }, label(seller.level)))),
      h('div', { class: 'grid' },
        h('section', { class: 'panel', 'aria-label': 'Score factors' }, h('h2', {}, 'Why this score (600 + factors)'),
          table(['Factor', 'Points', 'Detail'], seller.creditFactors.map(f => [f.name, f.contribution > 0 ? `+${f.contribution}` : String(f.contribution), f.detail ?? '']))),
        h('section', { class: 'panel', 'aria-label': 'Seller stats' }, h('h2', {}, 'Stats'),
          table(['Figure', 'Value'], [
            stat('Listed', count(stats.listed)), stat('Sold', count(stats.sold)), stat('GMV', money(stats.gmv)),
            stat('Sell-through', percent(stats.sellThroughRate)), stat('Average / median days to sell', `${days(stats.avgDaysToSell)} / ${days(stats.medianDaysToSell)}`),
            stat('Completed orders', count(stats.completedOrders)), stat('Seller cancellations', count(stats.sellerCancellations)),
            stat('Late shipment rate', percent(stats.lateShipmentRate)), stat('Defect rate', percent(stats.defectRate)), stat('Dispute rate', percent(stats.disputeRate)),
            stat('Description mismatches', count(stats.descriptionMismatches)), stat('Authenticity failures', count(stats.authenticityFailures)),
            stat('Average rating', stats.averageRating === null ? '—' : stats.averageRating.toFixed(2))]))),
      salesPanels(sales));
  } catch (error) {
    replace(root, errorBox(error));
    if (error.isAuth) context.onAuthFailure(error);
  }
}

function salesPanels(sales) {
  if (!sales.served) return h('p', { class: 'hint' }, 'Recent sales and open disputes appear when the gateway serves Seller.sales.');
  const rows = list => list.nodes.map(order => [
    h('a', { href: `#/disputes?order=${encodeURIComponent(order.id)}` }, order.id), order.item.title, label(order.status), money(order.price), when(order.history[0]?.at)]);
  const { recent, disputes } = sales.data.seller;
  return h('div', { class: 'grid' },
    h('section', { class: 'panel', 'aria-label': 'Recent sales' }, h('h2', {}, `Recent sales (${count(recent.totalCount)} in all)`), table(['Order', 'Item', 'Status', 'Price', 'Placed'], rows(recent))),
    h('section', { class: 'panel', 'aria-label': 'Open disputes' }, h('h2', {}, `Open disputes (${count(disputes.totalCount)})`), table(['Order', 'Item', 'Status', 'Price', 'Placed'], rows(disputes))));
}
