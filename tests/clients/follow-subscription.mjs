// The graphql-ws plumbing the gateway-*-subscription.mjs scripts share: connects with the token in connection_init
// (graphql-transport-ws), prints CONNECTED once acknowledged, one "EVENT ..." line per event (`describe` gives the
// text after EVENT), "ERRORS <json>" for an event with errors, DONE after `expected` events or the server's
// completion, "ERROR <json>" when the subscription fails, TIMEOUT after 90 s; then exits 0 (2 on timeout).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export async function follow({ url, token, expected, request, describe }) {
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
      const unsubscribe = client.subscribe(request, {
        next: value => {
          if (value.errors) { console.log('ERRORS ' + JSON.stringify(value.errors)); return; }
          console.log(`EVENT ${describe(value.data)}`);
          if (++count >= Number(expected)) { unsubscribe(); resolve(); }
        },
        error: reject,
        complete: resolve,
      });
    });
    console.log('DONE');
  } catch (error) {
    console.log('ERROR ' + JSON.stringify(error?.message ?? error?.reason ?? error));
  }
  clearTimeout(timer);
  await client.dispose();
  process.exit(0);
}
