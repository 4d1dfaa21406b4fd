import { h } from '../dom.js';

/** Links from an alert to what it is about: its seller's trust page, its category, its item. */
export function alertLinks(alert) {
  return [
    alert.seller ? h('a', { href: `#/trust?seller=${encodeURIComponent(alert.seller.id)}` }, `seller ${alert.seller.displayName}`) : null,
    alert.category ? [' ', h('a', { href: `#/category/${encodeURIComponent(alert.category.id)}` }, `category ${alert.category.name}`)] : null,
    alert.item ? [' ', h('a', { href: `#/trust?item=${encodeURIComponent(alert.item.id)}` }, `item ${alert.item.title}`)] : null,
  ];
}
