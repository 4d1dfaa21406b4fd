// Follows one order (or rental) with the graphql-ws client (graphql-transport-ws), token in connection_init.
// Usage: node gateway-order-subscription.mjs <ws-url> <token> <id> <expected-event-count> [field]
// field: orderStatusChanged (default) or rentalStatusChanged; its argument is orderId / rentalId.
// Prints CONNECTED once acknowledged, then "EVENT <status> <history length>" per event, then DONE.
import { follow } from './follow-subscription.mjs';

const [url, token, id, expected, field = 'orderStatusChanged'] = process.argv.slice(2);
const argument = field.replace('StatusChanged', 'Id');
await follow({
  url, token, expected,
  request: { query: `subscription($id: ID!) { ${field}(${argument}: $id) { id status history { status } ledger { kind amount } } }`, variables: { id } },
  describe: data => `${data[field].status} ${data[field].history.length}`,
});
