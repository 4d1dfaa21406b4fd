// Fetches the endpoint's introspection result, rebuilds the schema with the reference
// implementation (npm graphql) and compares its printSchema output with the SDL file given.
// Usage: node schema.mjs <url> <sdl-file>
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';

const [url, sdlFile] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true,
});
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query }),
});
const body = await response.json();
if (response.status !== 200 || body.errors) {
  console.error(`introspection failed: ${response.status} ${JSON.stringify(body.errors)}`);
  process.exit(1);
}
const reference = printSchema(buildClientSchema(body.data)).trim();
const ours = readFileSync(sdlFile, 'utf8').trim();
if (reference !== ours) {
  console.log('SDL DIFFERS');
  const a = reference.split('\n'), b = ours.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) { console.log(`line ${i + 1}\n  graphql-js: ${a[i]}\n  ours:       ${b[i]}`); break; }
  console.log('--- graphql-js printSchema ---\n' + reference);
  process.exit(1);
}
console.log('SDL IDENTICAL');
