// Follows the offers on one item with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-offer-subscription.mjs <ws-url> <token> <itemId> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <buyerId> <status> <amount> <counterAmount|-> <order id|->" per event, then DONE.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, itemId, expected] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { connected: () => console.log('CONNECTED') },
});

let count = 0;
const timer = setTimeout(() => { console.log('TIMEOUT'); process.exit(2); }, 90_000);
try {
  await new Promise((resolve, reject) => {
    const unsubscribe = client.subscribe(
      { query: 'subscription($id: ID!) { offerChanged(itemId: $id) { id buyerId status amount counterAmount order { id status } } }', variables: { id: itemId } },
      {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          const offer = value.data.offerChanged;
          console.log(`EVENT ${offer.buyerId} ${offer.status} ${offer.amount} ${offer.counterAmount ?? '-'} ${offer.order?.status ?? '-'}`);
          if (++count >= Number(expected)) { unsubscribe(); resolve(); }
        },
        error: reject,
        complete: resolve,
      },
    );
  });
  console.log('DONE');
} catch (error) {
  console.log('ERROR ' + JSON.stringify(error?.message ?? error?.reason ?? error));
}
clearTimeout(timer);
await client.dispose();
process.exit(0);
