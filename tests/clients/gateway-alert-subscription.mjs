// Follows the operator alert feed (alertRaised) with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-alert-subscription.mjs <ws-url> <token> <expected-event-count>
// Prints CONNECTED once acknowledged, then "EVENT <kind> <seller id> <item id>" per alert, then DONE;
// a refused subscription prints "ERROR <errors as JSON>".
import { follow } from './follow-subscription.mjs';

const [url, token, expected] = process.argv.slice(2);
await follow({
  url, token, expected,
  request: { query: 'subscription { alertRaised { kind severity message at item { id } seller { id } } }' },
  describe: ({ alertRaised: alert }) => `${alert.kind} ${alert.seller?.id ?? '-'} ${alert.item?.id ?? '-'}`,
});
