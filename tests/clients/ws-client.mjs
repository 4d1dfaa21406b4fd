// Drives the endpoint with the graphql-ws client.
// Usage: node ws-client.mjs <ws-url> subscribe <token>   -> prints each event, then COMPLETE
//        node ws-client.mjs <ws-url> rejected <token>    -> prints CLOSED <code>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, mode, token] = process.argv.slice(2);
let closeCode = null;
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: token },
  retryAttempts: 0,
  lazy: true,
  on: { closed: event => { closeCode = event.code; } },
});

const events = [];
try {
  await new Promise((resolve, reject) => {
    client.subscribe(
      { query: 'subscription($c: Int!) { ticks(count: $c) }', variables: { c: 3 } },
      { next: value => { events.push(value); console.log('NEXT ' + JSON.stringify(value)); }, error: reject, complete: resolve },
    );
  });
  console.log('COMPLETE');
} catch (error) {
  console.log('ERROR ' + (error?.code ?? error?.message ?? JSON.stringify(error)));
}
await client.dispose();
if (mode === 'rejected') console.log('CLOSED ' + closeCode);
process.exit(0);
