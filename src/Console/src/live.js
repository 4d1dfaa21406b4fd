// Subscriptions over graphql-transport-ws with one socket per signed-in token. Listeners hear whether the
// live connection is up, so the header can say when it drops and when it is back.
import { createClient } from 'graphql-ws';

export function createLive(token, onState) {
  let everConnected = false;
  const client = createClient({
    url: new URL('/graphql', location.href).href.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async retries => new Promise(resolve => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000))),
    on: {
      connected: () => { onState(everConnected ? 'back' : 'up'); everConnected = true; },
      closed: () => { if (everConnected) onState('down'); },
    },
  });
  return {
    /** Subscribes; returns an unsubscribe function. `onError` gets GraphQL errors (e.g. a field not served). */
    subscribe(query, variables, onData, onError = () => {}) {
      return client.subscribe({ query, variables }, {
        next: result => result.errors?.length ? onError(new Error(result.errors.map(e => e.message).join(' '))) : onData(result.data),
        error: error => onError(error instanceof Error ? error : new Error(Array.isArray(error) ? error.map(e => e.message).join(' ') : 'The live connection failed.')),
        complete: () => {},
      });
    },
    dispose: () => client.dispose(),
  };
}
