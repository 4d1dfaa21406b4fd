// Follows the offers on one item with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-offer-subscription.mjs <ws-url> <token> <itemId> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <buyerId> <status> <amount> <counterAmount|-> <order id|->" per event, then DONE.
import { follow } from './follow-subscription.mjs';

const [url, token, itemId, expected] = process.argv.slice(2);
await follow({
  url, token, expected,
  request: { query: 'subscription($id: ID!) { offerChanged(itemId: $id) { id buyerId status amount counterAmount order { id status } } }', variables: { id: itemId } },
  describe: ({ offerChanged: offer }) => `${offer.buyerId} ${offer.status} ${offer.amount} ${offer.counterAmount ?? '-'} ${offer.order?.status ?? '-'}`,
});
