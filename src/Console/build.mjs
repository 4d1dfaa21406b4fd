// Builds the operator console and the GraphiQL page into dist/, which the gateway copies to its
// output folder (console/) and serves at /console (GraphiQL at /graphql in Development).
// One esbuild run, no dev server: the gateway is the server.
import { build } from 'esbuild';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';

const out = 'dist';
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  entryPoints: { console: 'src/main.js', graphiql: 'src/graphiql.jsx' },
  outdir: out,
  bundle: true,
  format: 'esm',
  splitting: true, // graphql-ws is shared by both pages
  minify: true,
  sourcemap: false, // keeps the gateway's output small; the sources are plain ES modules in src/
  target: ['chrome110', 'firefox110', 'safari16'],
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

await cp('src/index.html', `${out}/index.html`);
await cp('src/graphiql.html', `${out}/graphiql.html`);
await cp('src/console.css', `${out}/console.css`);
// The MSBuild target compares this stamp with the sources to skip a build that has nothing new.
await writeFile(`${out}/.built`, new Date().toISOString() + '\n');
console.log(`console: built into ${out}/`);
