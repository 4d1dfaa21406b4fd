// Runs one GraphQL request with graphql-http's client and prints the result as JSON.
// Usage: node gateway-http-query.mjs <http-url> <token-or-"-"> <query> [variables-json]
import { createClient } from 'graphql-http';

const [url, token, query, variables] = process.argv.slice(2);
const client = createClient({
  url,
  headers: token && token !== '-' ? { authorization: `Bearer ${token}` } : {},
});
try {
  const result = await new Promise((resolve, reject) => {
    let last;
    client.subscribe({ query, variables: variables ? JSON.parse(variables) : undefined }, {
      next: value => { last = value; },
      error: reject,
      complete: () => resolve(last),
    });
  });
  console.log(JSON.stringify(result));
} catch (error) {
  console.log('ERROR ' + JSON.stringify(error?.message ?? error));
  process.exitCode = 1;
}
