/**
 * API errors in plain words, the console's one error display (ErrorBox uses
 * it): a refusal is shown by its `extensions.reason` with its params, from
 * the user's language's table (locales/reasons.ts in Chinese,
 * locales/reasons-en.ts in English), never by the server's English message;
 * without a known reason, each extensions.code maps to a sentence in the
 * user's language (an English reader also sees the server's message under
 * it); an operation the server does not have yet (a GraphQL validation
 * error) says so instead of showing the raw response.
 */
import type { CombinedError } from 'urql';
import i18n from '../i18n';
import { reasonZh } from '../locales/reasons';
import { reasonEn } from '../locales/reasons-en';

export interface PlainError {
  code: string;
  title: string;
  detail?: string;
}

const KNOWN = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'INSUFFICIENT_STOCK'];

/** Turns a server message into something a counter clerk can read: no JSON, no stack, one line. */
function tidy(message: string | undefined): string | undefined {
  if (!message) return undefined;
  let m = message.replace(/^\[(GraphQL|Network)\]\s*/i, '').trim();
  if (/^[{[]/.test(m)) return undefined; // raw JSON: never shown
  if (m.length > 300) m = m.slice(0, 300) + '…';
  return m;
}

const english = () => (i18n.language ?? '').toLowerCase().startsWith('en');

/** A refusal's own text in the user's language, from its reason and params; undefined when the console does not know the reason. */
export function reasonText(ext: { reason?: unknown; params?: unknown } | undefined): string | undefined {
  if (!ext || typeof ext.reason !== 'string') return undefined;
  const params = ext.params && typeof ext.params === 'object' ? (ext.params as Record<string, unknown>) : {};
  return english() ? reasonEn(ext.reason, params) : reasonZh(ext.reason, params);
}

export function describeError(error: CombinedError | Error | unknown): PlainError {
  const t = i18n.t.bind(i18n);
  const e = error as CombinedError;
  const gqlErrors = e?.graphQLErrors ?? [];
  if (gqlErrors.length) {
    const first = gqlErrors[0];
    const code = String(first.extensions?.code ?? '');
    const missing = gqlErrors
      .map((g) => /Cannot query field "([^"]+)" on type "([^"]+)"/.exec(g.message) ?? /Unknown argument "([^"]+)" on field "([^"]+)"/.exec(g.message) ?? /Unknown type "([^"]+)"/.exec(g.message))
      .find(Boolean);
    if (code === 'GRAPHQL_VALIDATION_FAILED' || missing) {
      const what = missing ? (missing[2] ? `${missing[2]}.${missing[1]}` : missing[1]) : undefined;
      return { code: 'NOT_AVAILABLE', title: t('errors.NOT_AVAILABLE'), detail: what ? t('errors.missingOperation', { what }) : undefined };
    }
    const own = [...new Set(gqlErrors.map((g) => reasonText(g.extensions as { reason?: unknown; params?: unknown })).filter(Boolean))] as string[];
    if (own.length) return { code, title: own[0], detail: own.slice(1).join('；') || undefined };
    // English server messages only for an English reader; a Chinese one gets the code's sentence alone.
    const messages = english() ? ([...new Set(gqlErrors.map((g) => tidy(g.message)).filter(Boolean))] as string[]) : [];
    if (KNOWN.includes(code)) return { code, title: t(`errors.${code}`), detail: messages.join('；') || undefined };
    if (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'GRAPHQL_PARSE_FAILED') return { code, title: t('errors.INTERNAL') };
    return { code: code || 'INTERNAL', title: t('errors.INTERNAL'), detail: messages[0] };
  }
  if (e?.networkError) {
    const status = (e.response as Response | undefined)?.status;
    if (status === 401) return { code: 'UNAUTHENTICATED', title: t('errors.UNAUTHENTICATED') };
    if (status === 403) return { code: 'FORBIDDEN', title: t('errors.FORBIDDEN') };
    if (status && status >= 500) return { code: 'SERVER', title: t('errors.SERVER') };
    return { code: 'NETWORK', title: t('errors.NETWORK') };
  }
  // a thrown Error's message is the browser's or the code's English: for an English reader only
  if (error instanceof Error) return { code: 'CLIENT', title: t('errors.INTERNAL'), detail: english() ? tidy(error.message) : undefined };
  return { code: 'INTERNAL', title: t('errors.INTERNAL') };
}
