// Follows one rental with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-rental-subscription.mjs <ws-url> <token> <rentalId> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <status> <history length>" per event, then DONE.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, rentalId, expected] = process.argv.slice(2);
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
      { query: 'subscription($id: ID!) { rentalStatusChanged(rentalId: $id) { id status history { status } ledger { kind amount } } }', variables: { id: rentalId } },
      {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          const rental = value.data.rentalStatusChanged;
          console.log(`EVENT ${rental.status} ${rental.history.length}`);
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
