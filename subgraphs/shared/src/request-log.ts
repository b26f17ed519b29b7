/** One structured log line per GraphQL request: operation, duration, user, error codes (never the token or variables). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from './logger';
import { sqlScope } from './db';

export function requestLogPlugin<C extends { user?: { id: string } }>(log: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          log.info({ op: operationName ?? 'anonymous', ms: Math.round(ms * 10) / 10, sql: sqlScope.getStore()?.statements, user: contextValue.user?.id, errors: errors?.map((e) => e.extensions?.code) }, 'graphql');
        },
      };
    },
  };
}
