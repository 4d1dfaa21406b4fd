// Subscriptions over graphql-transport-ws with one socket per signed-in token. The header hears whether
// the live connection is up ("lost" only while something is subscribed: the lazy socket also closes when
// the last subscription ends), and pages hear when it is back, to re-read what they may have missed.
import { createClient } from 'graphql-ws';

export function createLive(token, onState) {
  let active = 0;
  let lost = false;
  const backListeners = new Set();
  const client = createClient({
    url: new URL('/graphql', location.href).href.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async retries => new Promise(resolve => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000))),
    on: {
      connected: () => {
        onState(lost ? 'back' : 'up');
        if (lost) backListeners.forEach(listener => listener());
        lost = false;
      },
      closed: () => {
        lost = active > 0;
        onState(lost ? 'down' : 'idle');
      },
    },
  });
  return {
    /** Subscribes; returns an unsubscribe function. `onError` gets GraphQL errors (e.g. a field not served). */
    subscribe(query, variables, onData, onError = () => {}) {
      active++;
      let done = false;
      const finish = () => { if (!done) { done = true; active--; } };
      const stop = client.subscribe({ query, variables }, {
        next: result => result.errors?.length ? onError(new Error(result.errors.map(e => e.message).join(' '))) : onData(result.data),
        error: error => { finish(); onError(error instanceof Error ? error : new Error(Array.isArray(error) ? error.map(e => e.message).join(' ') : 'The live connection failed.')); },
        complete: finish,
      });
      return () => { finish(); stop(); };
    },
    /** Calls `listener` each time the connection is back after a loss; returns a remover. */
    onBack(listener) { backListeners.add(listener); return () => backListeners.delete(listener); },
    dispose: () => client.dispose(),
  };
}
