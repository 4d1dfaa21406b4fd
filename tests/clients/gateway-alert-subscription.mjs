// Follows the operator alert feed (alertRaised) with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-alert-subscription.mjs <ws-url> <token> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <kind> <seller id> <item id>" per alert, then DONE;
// a refused subscription prints "ERROR <errors as JSON>".
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, expected] = process.argv.slice(2);
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
      { query: 'subscription { alertRaised { kind severity message at item { id } seller { id } } }' },
      {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          const alert = value.data.alertRaised;
          console.log(`EVENT ${alert.kind} ${alert.seller?.id ?? '-'} ${alert.item?.id ?? '-'}`);
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
