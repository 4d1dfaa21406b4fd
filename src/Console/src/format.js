// Figures as the contract defines them: Decimal money arrives as a two-decimal string and is shown as
// is (never through floating point); rates are fractions 0..1 shown as percentages.
export const money = value => value === null || value === undefined ? '—' : `¥${groupThousands(value)}`;

function groupThousands(decimal) {
  const [whole, cents] = String(decimal).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${cents !== undefined ? '.' + cents : ''}`;
}

export const count = value => value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
export const percent = value => value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
export const days = value => value === null || value === undefined ? '—' : `${Number(value).toFixed(1)} d`;
export const when = value => value ? new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
export const label = value => String(value ?? '').replaceAll('_', ' ').toLowerCase();

/** Money in cents as an integer, for checks such as 0 < refund < price without floating point. */
export function cents(decimal) {
  const text = String(decimal ?? '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export const fromCents = value => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
