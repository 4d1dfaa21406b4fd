// Registers the console's GraphQL documents (src/documents.js) as trusted documents of the gateway:
// writes clients/documents/console/<Name>.graphql, one file per document, exactly the text the console sends
// (the gateway identifies a document by the SHA-256 of that text). `--check` changes nothing and fails when a
// file is missing, stale or left over, when a name differs from the document's operation name, or when a
// source file sends a document written inline instead of one from src/documents.js.
import { readdir, readFile, writeFile, rm, mkdir } from 'node:fs/promises';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documents } from './src/documents.js';

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, '..', '..', 'clients', 'documents', 'console');
const check = process.argv.includes('--check');
const problems = [];

for (const [name, text] of Object.entries(documents)) {
  const operation = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
  if (operation !== name) problems.push(`${name}: the document's operation is named "${operation ?? '(none)'}", expected "${name}"`);
}

await mkdir(folder, { recursive: true });
const existing = new Set((await readdir(folder)).filter(file => file.endsWith('.graphql')));
for (const [name, text] of Object.entries(documents)) {
  const file = `${name}.graphql`;
  existing.delete(file);
  const current = await readFile(join(folder, file), 'utf8').catch(() => null);
  if (current === text) continue;
  if (check) problems.push(`${file} is ${current === null ? 'missing' : 'stale'}`);
  else await writeFile(join(folder, file), text);
}
for (const file of existing) {
  if (check) problems.push(`${file} is registered but the console no longer sends it`);
  else await rm(join(folder, file));
}

// A document written inline would not be registered: refuse it where requests are made.
async function* sources(directory) {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.js') && entry.name !== 'documents.js') yield path;
  }
}
const inline = /(?:gql|mutate|optionalQuery|subscribe)\(\s*[`'"]|[`'"]\s*(?:query|mutation|subscription)\s*[\w({]/;
for await (const path of sources(join(here, 'src'))) {
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((line, index) => { if (inline.test(line)) problems.push(`${relative(here, path)}:${index + 1} writes a GraphQL document inline; add it to src/documents.js`); });
}

if (problems.length) {
  console.error(`Console documents${check ? ' are not registered as sent' : ''}:\n  ${problems.join('\n  ')}${check ? '\nRun `npm run documents` in src/Console.' : ''}`);
  process.exit(1);
}
console.log(`console documents: ${Object.keys(documents).length} ${check ? 'registered as sent' : `written to ${relative(process.cwd(), folder)}`}`);
