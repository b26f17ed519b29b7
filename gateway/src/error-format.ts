/**
 * The gateway's formatError: the shared one (only code, reason and params
 * leave; a subgraph's 400 keeps the subgraph's refusal) plus the reasons of
 * the gateway's own limits (depth, aliases, cost).
 */
import type { GraphQLFormattedError } from 'graphql';
import { formatError } from '../../subgraphs/shared/src';

const LIMIT = /^Syntax Error: (Query Cost limit|Query depth limit|Aliases limit|Directives limit|Too many)/i;

export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const out = formatError(formatted, error, log);
  if (LIMIT.test(out.message) && out.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
    return { ...out, message: out.message.replace(/^Syntax Error: /, ''), extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', params: {} } };
  }
  return out;
}
