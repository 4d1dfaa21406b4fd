// Follows one order (or rental) with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-order-subscription.mjs <ws-url> <token> <id> <expected-event-count> [field]
// field: orderStatusChanged (default) or rentalStatusChanged; its argument is orderId / rentalId.
// Prints CONNECTED once acknowledged, then "EVENT <status> <history length>" per event, then DONE.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, id, expected, field = 'orderStatusChanged'] = process.argv.slice(2);
const argument = field.replace('StatusChanged', 'Id');
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
      { query: `subscription($id: ID!) { ${field}(${argument}: $id) { id status history { status } ledger { kind amount } } }`, variables: { id } },
      {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          const node = value.data[field];
          console.log(`EVENT ${node.status} ${node.history.length}`);
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
