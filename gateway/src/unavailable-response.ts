/**
 * HTTP for SERVICE_UNAVAILABLE (API.md): an answer with such an error carries
 * `Retry-After` (seconds, the largest any error asks for); when nothing of the
 * page could be filled — no data, or every top-level field null — the status
 * is 503 as well. A page with partial data stays 200 with its errors.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { retryAfterOf } from '../../subgraphs/shared/src';

export function unavailableResponsePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const retry = retryAfterOf(errors);
          if (retry === undefined) return;
          response.http.headers.set('retry-after', String(retry));
          const filled = data && Object.values(data).some((v) => v !== null && v !== undefined);
          if (!filled) response.http.status = 503;
        },
      };
    },
  };
}
