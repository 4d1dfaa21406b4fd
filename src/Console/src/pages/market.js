// The market screen (大屏): KPI tiles for a chosen window, charts of the daily series, ageing, price bands
// and grade mix, top categories and regions, the latest alerts. Live through dashboardChanged and
// alertRaised; the figures are exactly the gateway's (Decimal strings shown as they come).
import { gql, optionalQuery } from '../api.js';
import { documents } from '../documents.js';
import { h, replace, errorBox, table } from '../dom.js';
import { money, count, percent, days, when, label } from '../format.js';
import { alertLinks } from './links.js';

const windows = { DAYS_7: ['Last 7 days', 7], DAYS_30: ['Last 30 days', 30], DAYS_90: ['Last 90 days', 90], ALL_TIME: ['All time', 90] };

// The offer and rental figures arrive with the sharing issue; until the gateway serves them the tiles show the contract's zeros.
const sharingZeros = { dashboard: { stats: { offers: { made: 0, acceptanceRate: 0 }, rentals: { active: 0, utilizationRate: 0 } } } };

export function marketPage(root, context) {
  let window = sessionStorage.getItem('console.window') ?? 'DAYS_30';
  const select = h('select', { id: 'window', name: 'window' },
    Object.entries(windows).map(([value, [text]]) => h('option', { value, selected: value === window }, text)));
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const tiles = h('section', { class: 'tiles', 'aria-label': 'Key figures' });
  const charts = Object.fromEntries(['daily', 'ageing', 'bands', 'grades'].map(key => [key, h('div', { class: 'chart' })]));
  const tops = h('div', { class: 'grid' });
  const alerts = h('ul', { class: 'plain', 'aria-label': 'Latest alerts' });
  replace(root,
    h('div', { class: 'row' }, h('h1', {}, 'Market'), h('label', { for: 'window' }, 'Window', select), status),
    tiles,
    h('div', { class: 'grid' },
      panel('Daily sales, new listings and GMV', charts.daily),
      panel('Ageing of listed stock', charts.ageing),
      panel('Price bands', charts.bands),
      panel('Grade mix', charts.grades)),
    tops,
    panel('Latest alerts', alerts, h('a', { href: '#/alerts' }, 'All alerts')));

  // ECharts is most of the code: loaded beside the first query, so the tiles need not wait for it.
  let disposed = false;
  const drawn = import('../charts.js').then(library => ({
    library,
    daily: library.chart(charts.daily, 'Daily sold, new listings and GMV'), ageing: library.chart(charts.ageing, 'Listed items by days listed'),
    bands: library.chart(charts.bands, 'Active and sold items per price band'), grades: library.chart(charts.grades, 'Active and sold items per grade'),
  }));
  let sharing = sharingZeros.dashboard.stats;
  let sharingServed = true;
  let last = null;
  let unsubscribe = [];

  function show(dashboard) {
    last = dashboard;
    drawTiles(tiles, dashboard.stats, sharing, sharingServed, windows[window][0]);
    // Charts after the tiles have painted: drawing four charts takes a few hundred ms on a busy machine.
    drawn.then(c => requestAnimationFrame(() => setTimeout(() => { if (!disposed && last === dashboard) drawCharts(c, dashboard.stats); })));
    drawTops(tops, dashboard, windows[window][0]);
    replace(alerts, dashboard.alerts.slice(0, 12).map(alertItem));
    if (!tiles.dataset.loaded) requestAnimationFrame(() => performance.mark('console:tiles-painted')); // read by bench/Console.Bench
    tiles.dataset.loaded = 'true';
  }

  async function load() {
    replace(status, h('span', { class: 'hint' }, 'Loading…'));
    const variables = { window, days: windows[window][1] };
    try {
      const [market, sharingResult] = await Promise.all([gql(documents.Market, variables), optionalQuery(documents.Sharing, { window }, sharingZeros)]);
      sharing = sharingResult.data.dashboard.stats;
      sharingServed = sharingResult.served;
      show(market.dashboard);
      replace(status);
    } catch (error) {
      replace(status, errorBox(error));
      if (error.isAuth) context.onAuthFailure(error);
    }
    subscribe(variables);
  }

  function subscribe(variables) {
    unsubscribe.forEach(stop => stop());
    unsubscribe = [
      context.live.subscribe(documents.MarketLive, variables, data => { show(data.dashboardChanged); flash(tiles); },
        error => replace(status, errorBox(new Error(`Live figures stopped: ${error.message}`)))),
      context.live.subscribe(documents.AlertRaised, {}, data => {
        if (last) show({ ...last, alerts: [data.alertRaised, ...last.alerts] });
      }),
    ];
  }

  select.addEventListener('change', () => { window = select.value; sessionStorage.setItem('console.window', window); load(); });
  // Changes made while the connection was down sent no event: read the figures again once it is back.
  const stopBack = context.live.onBack(() => load());
  load();
  return () => {
    disposed = true;
    stopBack();
    unsubscribe.forEach(stop => stop());
    drawn.then(({ library, ...each }) => Object.values(each).forEach(c => c.dispose()));
  };
}

function panel(title, body, ...extra) {
  return h('section', { class: 'panel', 'aria-label': title }, h('h2', {}, title), body, ...extra);
}

function flash(element) { element.dataset.updatedAt = String(Date.now()); }

function tile(key, title, value, raw, note) {
  return h('div', { class: 'tile', 'data-kpi': key, 'data-value': raw ?? '' },
    h('div', { class: 'label' }, title), h('div', { class: 'value' }, value), note ? h('div', { class: 'note' }, note) : null);
}

function drawTiles(root, stats, sharing, sharingServed, windowName) {
  const pending = sharingServed ? null : 'not served yet (contract zero)';
  replace(root,
    tile('gmv', `GMV · ${windowName}`, money(stats.gmv), stats.gmv),
    tile('sold', 'Sold', count(stats.sold), stats.sold),
    tile('activeListings', 'Active listings (now)', count(stats.activeListings), stats.activeListings),
    tile('newListings', 'New listings', count(stats.newListings), stats.newListings),
    tile('sellThroughRate', 'Sell-through', percent(stats.sellThroughRate), stats.sellThroughRate),
    tile('conversionRate', 'Conversion (sold ÷ views)', percent(stats.conversionRate), stats.conversionRate),
    tile('disputeRate', 'Dispute rate', percent(stats.disputeRate), stats.disputeRate),
    tile('refundRate', 'Refund rate', percent(stats.refundRate), stats.refundRate),
    tile('inspectionPassRate', 'Inspection pass rate', percent(stats.inspectionPassRate), stats.inspectionPassRate, stats.inspectionPassRate === null ? 'no reports in the window' : null),
    tile('avgDaysToSell', 'Average days to sell', days(stats.avgDaysToSell), stats.avgDaysToSell),
    tile('slowMoving', 'Slow-moving (listed now)', count(stats.slowMoving), stats.slowMoving),
    tile('offersAcceptanceRate', 'Offers accepted', percent(sharing.offers.acceptanceRate), sharing.offers.acceptanceRate, pending ?? `${count(sharing.offers.made)} made`),
    tile('rentalUtilizationRate', 'Rental utilization', percent(sharing.rentals.utilizationRate), sharing.rentals.utilizationRate, pending ?? `${count(sharing.rentals.active)} active`));
}

function drawCharts(drawn, stats) {
  const { categoryAxis, valueAxis } = drawn.library;
  const daily = stats.daily;
  drawn.daily.update({
    xAxis: categoryAxis(daily.map(point => point.date.slice(5))),
    yAxis: [valueAxis({ name: 'items' }), valueAxis({ name: 'GMV ¥', splitLine: { show: false } })],
    series: [
      { name: 'Sold', type: 'bar', data: daily.map(point => point.sold) },
      { name: 'New listings', type: 'line', data: daily.map(point => point.newListings) },
      { name: 'GMV', type: 'line', yAxisIndex: 1, data: daily.map(point => Number(point.gmv)) },
    ],
  });
  const ageing = stats.ageing;
  drawn.ageing.update({
    xAxis: categoryAxis(['0–30 d', '31–60 d', '61–90 d', 'over 90 d']), yAxis: valueAxis(),
    series: [{ name: 'Listed items', type: 'bar', data: [ageing.d0to30, ageing.d31to60, ageing.d61to90, ageing.over90] }],
  });
  drawn.bands.update({
    xAxis: categoryAxis(stats.priceBands.map(band => band.max ? `¥${band.min}–${band.max}` : `¥${band.min}+`)), yAxis: valueAxis(),
    series: [
      { name: 'Active', type: 'bar', data: stats.priceBands.map(band => band.activeListings) },
      { name: 'Sold', type: 'bar', data: stats.priceBands.map(band => band.sold) },
    ],
  });
  drawn.grades.update({
    xAxis: categoryAxis(stats.gradeMix.map(grade => label(grade.grade))), yAxis: valueAxis(),
    series: [
      { name: 'Active', type: 'bar', data: stats.gradeMix.map(grade => grade.activeListings) },
      { name: 'Sold', type: 'bar', data: stats.gradeMix.map(grade => grade.sold) },
    ],
  });
}

function drawTops(root, dashboard, windowName) {
  const rows = (list, kind) => list.map(entry => [
    h('a', { href: `#/${kind}/${encodeURIComponent(entry.id)}` }, entry.name),
    count(entry.stats.sold), money(entry.stats.gmv), count(entry.stats.activeListings), percent(entry.stats.sellThroughRate)]);
  const headers = ['Name', 'Sold', 'GMV', 'Active', 'Sell-through'];
  replace(root,
    panel(`Top categories · ${windowName}`, table(headers, rows(dashboard.topCategories, 'category'))),
    panel(`Top regions · ${windowName}`, table(headers, rows(dashboard.topRegions, 'region'))));
}

export function alertItem(alert) {
  return h('li', {},
    h('span', { class: `sev-${alert.severity}` }, alert.severity), ' · ', label(alert.kind), ' · ', when(alert.at), h('br'),
    alert.message, ' ', alertLinks(alert));
}
