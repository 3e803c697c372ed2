// HS256 JSON Web Tokens with node:crypto, for the local stack only: the API keys and the access
// tokens the auth stand-in issues. It must never hold or sign with a production secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Supabase's local development secret (`supabase start` uses the same one): public by design. */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

const HEADER = { alg: 'HS256', typ: 'JWT' };

const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = (input, secret) => createHmac('sha256', secret).update(input).digest();

export function signJwt(claims, secret) {
  const input = `${encode(HEADER)}.${encode(claims)}`;
  return `${input}.${signature(input, secret).toString('base64url')}`;
}

/** The claims of a well-signed, unexpired HS256 token, or null for anything else. */
export function verifyJwt(token, secret, now = Date.now()) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  const [header, payload, signed] = parts;
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return null;
    const expected = signature(`${header}.${payload}`, secret);
    const actual = Buffer.from(signed, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return null;
    return claims;
  } catch {
    return null;
  }
}

/**
 * The anon and service_role API keys for a secret. With the local secret they are byte for byte the
 * keys `supabase start` prints, so tools configured for the Supabase CLI's local stack work here too.
 */
export function apiKeysFor(secret) {
  const forRole = (role) => signJwt({ iss: 'supabase-demo', role, exp: 1983812996 }, secret);
  return { anonKey: forRole('anon'), serviceRoleKey: forRole('service_role') };
}
