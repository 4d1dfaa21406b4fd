// The real GraphiQL (autocomplete, docs explorer, prettify, history) for the gateway's /graphql page in
// Development: queries and mutations over HTTP, subscriptions over graphql-transport-ws, and the headers
// (the bearer token) remembered in localStorage by GraphiQL's own storage.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';

const endpoint = new URL('/graphql', location.href);
const socketUrl = endpoint.href.replace(/^http/, 'ws');

// The gateway reads the token from connection_init's payload, so each socket carries the headers
// GraphiQL sends with that operation (GraphiQL opens a subscription with its current headers).
function wsClientFor(headers) {
  const authorization = headers?.Authorization ?? headers?.authorization;
  return createClient({ url: socketUrl, connectionParams: authorization ? { authorization } : {}, lazy: true });
}

const httpFetcher = createGraphiQLFetcher({ url: endpoint.href });
const fetcher = (params, options) => {
  const isSubscription = /^\s*subscription\b/m.test(params.query ?? '') &&
    (!params.operationName || new RegExp(`subscription\\s+${params.operationName}\\b`).test(params.query));
  if (!isSubscription) return httpFetcher(params, options);
  const client = wsClientFor(options?.headers);
  return {
    [Symbol.asyncIterator]() {
      const iterator = client.iterate(params);
      return {
        next: () => iterator.next(),
        return: async () => { await iterator.return?.(); client.dispose(); return { done: true, value: undefined }; },
      };
    },
  };
};

const defaultHeaders = '{\n  "Authorization": "Bearer <token from the gateway log>"\n}';
const defaultQuery = `# Marketplace gateway. Put a token in the Headers tab below (kept in this browser).
# Try: the viewer, the dashboard (OPERATOR/ADMIN), or subscription { dashboardChanged { stats { sold gmv } } }
{
  viewer { id displayName roles }
  categories { id name }
}
`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={defaultHeaders} defaultQuery={defaultQuery} shouldPersistHeaders defaultEditorToolsVisibility="headers" />,
);
