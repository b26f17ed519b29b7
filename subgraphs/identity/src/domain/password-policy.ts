/**
 * The password policy (pure): a length range and a blocklist, each broken rule
 * with its own reason (reasons.ts) and the params a message needs. NIST
 * 800-63B style: no composition rules, no expiry; length and "not a known
 * password" are what matter.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Passwords people pick first (lower case); a password equal to one of these, ignoring case, is refused. */
const BLOCKLIST = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1234512345', '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop',
  'password123', 'password12', 'password1!', 'passw0rd123', 'iloveyou123', 'welcome123', 'admin12345', 'administrator', 'abc1234567',
  'qwerty1234', 'qwerty12345', 'letmein123', 'changeme123', 'woaini1314', 'woaini520', 'aa123456789', 'a1234567890', '5201314520',
  '1314520520', '88888888888', '6666666666', '9999999999', 'asdfghjkl1', 'zxcvbnm123', 'partsgraph', 'partsgraph1', 'partsgraph123',
  'chery12345', 'tiggo12345', 'dragon1234', 'football12', 'baseball12', 'sunshine12', 'princess12', 'monkey1234', 'shadow1234',
]);

export interface PolicyViolation {
  reason: 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_COMMON' | 'PASSWORD_CONTAINS_USERNAME';
  message: string;
  params: Record<string, unknown>;
}

/** Why `password` is refused for `username`, or null when it is acceptable. */
export function checkPassword(password: string, username: string): PolicyViolation | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { reason: 'PASSWORD_TOO_SHORT', message: `A password needs at least ${PASSWORD_MIN} characters`, params: { min: PASSWORD_MIN, length } };
  if (length > PASSWORD_MAX) return { reason: 'PASSWORD_TOO_LONG', message: `A password may have at most ${PASSWORD_MAX} characters`, params: { max: PASSWORD_MAX, length } };
  const lower = password.toLowerCase();
  const u = username.trim().toLowerCase();
  if (u.length >= 3 && lower.includes(u)) return { reason: 'PASSWORD_CONTAINS_USERNAME', message: 'A password must not contain the username', params: {} };
  if (BLOCKLIST.has(lower) || new Set(lower).size <= 2 || isSequence(lower)) {
    return { reason: 'PASSWORD_TOO_COMMON', message: 'This password is too common or too easy to guess', params: {} };
  }
  return null;
}

/** abcdefghij, 9876543210: every step +1 or every step -1. */
function isSequence(s: string): boolean {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}
