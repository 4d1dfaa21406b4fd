// Follows one order with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-order-subscription.mjs <ws-url> <token> <orderId> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <status> <history length>" per event, then DONE.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, orderId, expected] = process.argv.slice(2);
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
      { query: 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status history { status } ledger { kind amount } } }', variables: { id: orderId } },
      {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          const order = value.data.orderStatusChanged;
          console.log(`EVENT ${order.status} ${order.history.length}`);
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
