// GraphQL over HTTP with the signed-in token. Every failure becomes an Error whose message says in words
// what happened, so a page can show it where the action was.
const tokenKey = 'marketplace.console.token';

export const session = {
  get token() { return localStorage.getItem(tokenKey); },
  set token(value) { value ? localStorage.setItem(tokenKey, value) : localStorage.removeItem(tokenKey); },
};

export class GraphQLFailure extends Error {
  constructor(message, codes = []) { super(message); this.codes = codes; }
  get isUnknownField() { return this.codes.includes('GRAPHQL_VALIDATION_FAILED') && /Cannot query field|Unknown (argument|type)/.test(this.message); }
  get isAuth() { return this.codes.includes('UNAUTHENTICATED'); }
}

const codeWords = {
  UNAUTHENTICATED: 'Not signed in, or the token is invalid, expired or revoked',
  FORBIDDEN: 'Your roles do not allow this',
};

export async function gql(query, variables = {}, token = session.token) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLFailure('The gateway could not be reached: check the connection and try again.');
  }
  let body;
  try { body = await response.json(); } catch { throw new GraphQLFailure(`The gateway answered HTTP ${response.status} without a GraphQL response.`); }
  if (body.errors?.length) {
    const codes = body.errors.map(error => error.extensions?.code).filter(Boolean);
    const message = body.errors.map(error => {
      const words = codeWords[error.extensions?.code];
      return words ? `${words}: ${error.message}` : error.message;
    }).join(' ');
    throw new GraphQLFailure(message, codes);
  }
  return body.data;
}

/** Runs a mutation and returns its payload's object; payload `errors` (business rules) become an Error in words. */
export async function mutate(query, variables, field, objectField) {
  const data = await gql(query, variables);
  const payload = data[field];
  if (payload.errors?.length) {
    throw new GraphQLFailure(payload.errors.map(error => `${error.message}${error.field ? ` (${error.field.join('.')})` : ''} [${error.code}]`).join(' '), payload.errors.map(e => e.code));
  }
  return payload[objectField];
}

/**
 * A query for contract parts the gateway may not serve yet (the sharing figures, order lists): the
 * value, or `fallback` when the gateway does not know the field (the console is written against the
 * contract and lights up when the gateway catches up).
 */
export async function optionalQuery(query, variables, fallback) {
  try { return { data: await gql(query, variables), served: true }; }
  catch (error) {
    if (error instanceof GraphQLFailure && error.isUnknownField) return { data: fallback, served: false, error };
    throw error;
  }
}
