// Drill-down from the market screen: a category (its sub-categories, reference prices per grade, its
// figures) and a region (its figures).
import { gql } from '../api.js';
import { documents } from '../documents.js';
import { h, replace, errorBox, table } from '../dom.js';
import { money, count, percent, days, label } from '../format.js';

const window = 'DAYS_90';

function figures(stats) {
  const tile = (key, title, value) => h('div', { class: 'tile', 'data-kpi': key }, h('div', { class: 'label' }, title), h('div', { class: 'value' }, value));
  return h('section', { class: 'tiles', 'aria-label': 'Figures, last 90 days' },
    tile('gmv', 'GMV · 90 days', money(stats.gmv)), tile('sold', 'Sold', count(stats.sold)),
    tile('activeListings', 'Active listings', count(stats.activeListings)), tile('sellThroughRate', 'Sell-through', percent(stats.sellThroughRate)),
    tile('conversionRate', 'Conversion', percent(stats.conversionRate)), tile('avgDaysToSell', 'Average days to sell', days(stats.avgDaysToSell)),
    tile('disputeRate', 'Dispute rate', percent(stats.disputeRate)), tile('refundRate', 'Refund rate', percent(stats.refundRate)),
    tile('inspectionPassRate', 'Inspection pass rate', percent(stats.inspectionPassRate)), tile('slowMoving', 'Slow-moving', count(stats.slowMoving)));
}

export function categoryPage(root, context, { id }) {
  replace(root, h('p', {}, 'Loading…'));
  gql(documents.Category, { id, window })
    .then(({ category, categories }) => {
      if (!category) { replace(root, errorBox(new Error(`No category "${id}".`))); return; }
      const children = categories.filter(c => c.parent?.id === category.id);
      replace(root,
        h('p', {}, h('a', { href: '#/market' }, 'Market'), category.parent ? [' › ', h('a', { href: `#/category/${encodeURIComponent(category.parent.id)}` }, category.parent.name)] : null),
        h('h1', {}, `Category: ${category.name}`, category.highValue ? ' (high value: inspection offered)' : ''),
        figures(category.stats),
        h('div', { class: 'grid' },
          h('section', { class: 'panel', 'aria-label': 'Sub-categories' }, h('h2', {}, 'Sub-categories'),
            table(['Name', 'Sold', 'GMV', 'Active', 'Sell-through'], children.map(c => [
              h('a', { href: `#/category/${encodeURIComponent(c.id)}` }, c.name), count(c.stats.sold), money(c.stats.gmv), count(c.stats.activeListings), percent(c.stats.sellThroughRate)]))),
          h('section', { class: 'panel', 'aria-label': 'Reference prices' }, h('h2', {}, 'Reference prices per grade (90 days of sales)'),
            table(['Grade', 'Sample', 'Suggested', 'Floor (p25)', 'Ceiling (p75)'], category.referencePrices.map(p => [
              label(p.grade), count(p.sampleSize), money(p.suggested), money(p.floor), money(p.ceiling)])))));
    })
    .catch(error => { replace(root, errorBox(error)); if (error.isAuth) context.onAuthFailure(error); });
}

export function regionPage(root, context, { id }) {
  replace(root, h('p', {}, 'Loading…'));
  gql(documents.Region, { id, window })
    .then(({ region }) => {
      if (!region) { replace(root, errorBox(new Error(`No region "${id}".`))); return; }
      const grades = region.stats.gradeMix;
      replace(root,
        h('p', {}, h('a', { href: '#/market' }, 'Market')),
        h('h1', {}, `Region: ${region.name}`),
        figures(region.stats),
        h('section', { class: 'panel', 'aria-label': 'Grade mix' }, h('h2', {}, 'Grade mix'),
          table(['Grade', 'Active', 'Sold'], grades.map(g => [label(g.grade), count(g.activeListings), count(g.sold)]))));
    })
    .catch(error => { replace(root, errorBox(error)); if (error.isAuth) context.onAuthFailure(error); });
}
