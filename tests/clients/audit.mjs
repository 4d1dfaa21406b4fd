// Runs graphql-http's server audit suite against a GraphQL-over-HTTP endpoint.
// Usage: node audit.mjs <url>. Exit code 1 when any MUST audit fails.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) { console.error('usage: node audit.mjs <url>'); process.exit(2); }

let mustFailures = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  const detail = result.status === 'ok' ? '' : ` -> ${result.reason}`;
  console.log(`${result.status.toUpperCase().padEnd(6)} ${audit.id} ${audit.name}${detail}`);
  if (result.status === 'error') mustFailures++;
}
console.log(`MUST failures: ${mustFailures}`);
process.exit(mustFailures === 0 ? 0 : 1);
