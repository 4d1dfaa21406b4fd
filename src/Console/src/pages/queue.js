// The desks' work queues: every order of a filter (Query.orders pages through newest first), shown
// oldest first, since the oldest parcel or dispute is the one to work on next.
import { gql, GraphQLFailure } from '../api.js';

const pageSize = 100;
const maxPages = 20;

/** Every order of `filter`, oldest first; `document` is one of the registered queue queries (documents.js). */
export async function oldestFirst(filter, document) {
  const orders = [];
  let after = null;
  for (let page = 0; page < maxPages; page++) {
    const { orders: connection } = await gql(document, { filter, first: pageSize, after });
    orders.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  const placedAt = order => order.history[0]?.at ?? '';
  return orders.sort((a, b) => placedAt(a).localeCompare(placedAt(b)));
}

/** Words for a queue that could not load; says so plainly when the gateway does not serve the order lists yet. */
export function queueProblem(error) {
  if (error instanceof GraphQLFailure && error.isUnknownField) {
    return new Error(`The gateway does not serve the order lists (Query.orders) yet, so the queue cannot be listed. (${error.message})`);
  }
  return error;
}
