// LOCAL STAND-IN for Supabase Auth (GoTrue), which has no npm or Debian build. Dev tooling only: it is
// never bundled into the extension and must never face a network beyond 127.0.0.1. It implements just
// the endpoints supabase-js calls for email one-time codes (otp, verify, refresh, user, logout) with
// GoTrue's request and response shapes and error codes, keeps users, sessions and refresh tokens in
// Supabase's auth tables, runs the real custom access token hook from the database as
// supabase_auth_admin, and signs HS256 access tokens with the local secret. Instead of sending email
// it prints the code (and hands it to `onCode`, for tests). What it does not do: send mail, rate
// limit, magic links, PKCE, passwords, OAuth/SSO, MFA, phone sign-in, or any admin endpoint.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { HttpError, readJson, sendJson } from './http-json.mjs';
import { signJwt, verifyJwt } from './jwt.mjs';

// Error bodies in the 2024-01-01 API version shape, which supabase-js reads `code` from.
const API_VERSION = { 'x-supabase-api-version': '2024-01-01' };
const REQUIRED_CLAIMS = ['aud', 'exp', 'iat', 'sub', 'role', 'aal', 'session_id', 'email', 'phone', 'is_anonymous'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const hashCode = (code) => createHash('sha256').update(code).digest('hex');

/**
 * @param {object} options
 * @param {(work: (query: Function) => Promise<unknown>) => Promise<unknown>} options.transaction exclusive-sql
 * @param {string} options.secret the JWT secret PostgREST verifies with
 * @param {() => string} options.issuer `<api url>/auth/v1`, read when a token is issued
 * @param {{ jwtExpiry: number, otpLength: number, otpExpiry: number, refreshTokenReuseInterval: number }} options.settings
 * @param {{ schema: string, name: string } | null} options.hook the custom access token hook, if enabled
 * @param {(delivery: { email: string, code: string }) => void} [options.onCode]
 * @param {(line: string) => void} [options.log]
 */
export function createAuthStandIn({ transaction, secret, issuer, settings, hook, onCode, log = () => {} }) {
  const pendingCodes = new Map();

  // Every statement runs as supabase_auth_admin, the role Supabase Auth connects as: it owns the auth
  // tables and is the only role the hook is granted to, so the hook's grants are exercised for real.
  const asAuthServer = (work) =>
    transaction(async (query) => {
      await query('set local role supabase_auth_admin');
      return work(query);
    });

  async function sendOtp(body) {
    if (typeof body.phone === 'string') {
      throw new HttpError(400, 'phone_provider_disabled', 'Phone sign-in is not available on the local stack.');
    }
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    if (!EMAIL.test(email))
      throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
    const createUser = body.create_user !== false;
    const metadata = body.data && typeof body.data === 'object' ? body.data : {};

    await asAuthServer(async (query) => {
      const existing = await query('select id from auth.users where lower(email) = $1', [email]);
      if (existing.length > 0) return;
      if (!createUser) throw new HttpError(422, 'otp_disabled', 'Signups not allowed for otp');
      const id = randomUUID();
      await query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data,
           raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
           email_change)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '',
           '{"provider": "email", "providers": ["email"]}', $3::jsonb, now(), now(), '', '', '', '')`,
        [id, email, JSON.stringify(metadata)],
      );
      await query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
         values ($1::text, $1::text::uuid, jsonb_build_object('sub', $1::text, 'email', $2::text, 'email_verified', false),
           'email', now(), now())`,
        [id, email],
      );
    });

    const code = String(randomInt(0, 10 ** settings.otpLength)).padStart(settings.otpLength, '0');
    pendingCodes.set(email, { hash: hashCode(code), expiresAt: Date.now() + settings.otpExpiry * 1000 });
    log(`One-time sign-in code for ${email}: ${code}  (local auth stand-in; no email is sent)`);
    onCode?.({ email, code });
    return {};
  }

  async function verifyOtp(body) {
    if (body.token_hash !== undefined) {
      throw new HttpError(400, 'validation_failed', 'The local auth stand-in verifies codes, not token hashes.');
    }
    if (!['email', 'magiclink', 'signup'].includes(body.type)) {
      throw new HttpError(
        400,
        'validation_failed',
        'The local auth stand-in verifies email codes only (type "email").',
      );
    }
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const pending = pendingCodes.get(email);
    const valid =
      pending &&
      pending.expiresAt > Date.now() &&
      typeof body.token === 'string' &&
      hashCode(body.token) === pending.hash;
    if (!valid) throw new HttpError(403, 'otp_expired', 'Token has expired or is invalid');
    pendingCodes.delete(email);

    return asAuthServer(async (query) => {
      const [user] = await query(
        `update auth.users
         set email_confirmed_at = coalesce(email_confirmed_at, now()), last_sign_in_at = now(), updated_at = now()
         where lower(email) = $1
         returning id`,
        [email],
      );
      if (!user) throw new HttpError(403, 'otp_expired', 'Token has expired or is invalid');
      await query(
        `update auth.identities set last_sign_in_at = now(),
           identity_data = identity_data || '{"email_verified": true}'::jsonb
         where user_id = $1 and provider = 'email'`,
        [user.id],
      );
      const sessionId = randomUUID();
      await query(
        `insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`,
        [sessionId, user.id],
      );
      return issueSession(query, user.id, sessionId, null, 'otp');
    });
  }

  async function refresh(url, body) {
    if (url.searchParams.get('grant_type') !== 'refresh_token') {
      throw new HttpError(400, 'validation_failed', 'The local auth stand-in supports grant_type=refresh_token only.');
    }
    const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
    const outcome = await asAuthServer(async (query) => {
      const [row] = await query(
        `select r.token, r.revoked, r.session_id, r.user_id,
           r.updated_at > now() - make_interval(secs => $2) as within_reuse_interval
         from auth.refresh_tokens r join auth.sessions s on s.id = r.session_id
         where r.token = $1`,
        [token, settings.refreshTokenReuseInterval],
      );
      if (!row) throw new HttpError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (row.revoked === 't' && row.within_reuse_interval !== 't') {
        // Reuse of a rotated token outside the grace window: treat the session as stolen, as GoTrue
        // does. Returned, not thrown, so the deletion commits.
        await query('delete from auth.sessions where id = $1', [row.session_id]);
        return { reused: true };
      }
      // Within the window (two tabs refreshing at once) the old token still works; the window runs
      // from its first use, so reuse cannot stretch it.
      await query(
        'update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1 and not revoked',
        [token],
      );
      await query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [row.session_id]);
      return { session: await issueSession(query, row.user_id, row.session_id, token, 'token_refresh') };
    });
    if (outcome.reused) throw new HttpError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    return outcome.session;
  }

  async function issueSession(query, userId, sessionId, parentToken, method) {
    const user = await loadUser(query, userId);
    const iat = Math.floor(Date.now() / 1000);
    let claims = {
      aud: 'authenticated',
      exp: iat + settings.jwtExpiry,
      iat,
      iss: issuer(),
      sub: user.id,
      email: user.email,
      phone: user.phone,
      app_metadata: user.app_metadata,
      user_metadata: user.user_metadata,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: method === 'token_refresh' ? 'otp' : method, timestamp: iat }],
      session_id: sessionId,
      is_anonymous: false,
    };
    if (hook) claims = await runAccessTokenHook(query, { user_id: user.id, claims, authentication_method: method });

    const refreshToken = randomBytes(24).toString('base64url');
    await query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
      [refreshToken, user.id, parentToken, sessionId],
    );
    return {
      access_token: signJwt(claims, secret),
      token_type: 'bearer',
      expires_in: settings.jwtExpiry,
      expires_at: claims.exp,
      refresh_token: refreshToken,
      user,
    };
  }

  async function runAccessTokenHook(query, event) {
    let output;
    try {
      const [row] = await query(`select "${hook.schema}"."${hook.name}"($1::jsonb)::text as output`, [
        JSON.stringify(event),
      ]);
      output = JSON.parse(row.output);
    } catch (error) {
      throw new HttpError(500, 'unexpected_failure', `Error running hook URI: ${error.message}`);
    }
    if (output?.error) {
      const status = Number(output.error.http_code) || 400;
      throw new HttpError(
        status,
        'unexpected_failure',
        String(output.error.message ?? 'The hook refused the request.'),
      );
    }
    const claims = output?.claims;
    const missing = REQUIRED_CLAIMS.filter((name) => claims?.[name] === undefined);
    if (missing.length > 0) {
      throw new HttpError(
        500,
        'unexpected_failure',
        `Error running hook URI: output claims do not conform to the expected schema (missing ${missing.join(', ')})`,
      );
    }
    return claims;
  }

  async function loadUser(query, userId) {
    const [row] = await query(
      `select json_build_object(
         'id', u.id, 'aud', u.aud, 'role', u.role, 'email', u.email, 'email_confirmed_at', u.email_confirmed_at,
         'phone', coalesce(u.phone, ''), 'confirmed_at', u.confirmed_at, 'last_sign_in_at', u.last_sign_in_at,
         'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb),
         'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
         'identities', coalesce((
           select json_agg(json_build_object(
             'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
             'provider', i.provider, 'email', i.email, 'last_sign_in_at', i.last_sign_in_at,
             'created_at', i.created_at, 'updated_at', i.updated_at))
           from auth.identities i where i.user_id = u.id), '[]'::json),
         'created_at', u.created_at, 'updated_at', u.updated_at, 'is_anonymous', u.is_anonymous
       )::text as "user"
       from auth.users u where u.id = $1`,
      [userId],
    );
    if (!row) throw new HttpError(404, 'user_not_found', 'User not found');
    return JSON.parse(row.user);
  }

  // The bearer token's claims, if it is ours, unexpired and its session still exists.
  async function requireSession(req, query) {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) {
      throw new HttpError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    }
    const claims = verifyJwt(header.slice('Bearer '.length), secret);
    if (!claims || typeof claims.sub !== 'string' || typeof claims.session_id !== 'string') {
      throw new HttpError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, token is expired');
    }
    const sessions = await query('select id from auth.sessions where id = $1', [claims.session_id]);
    if (sessions.length === 0) {
      throw new HttpError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    return claims;
  }

  async function currentUser(req) {
    return asAuthServer(async (query) => loadUser(query, (await requireSession(req, query)).sub));
  }

  async function logout(req, url) {
    const scope = url.searchParams.get('scope') ?? 'global';
    await asAuthServer(async (query) => {
      const claims = await requireSession(req, query);
      if (scope === 'local') {
        await query('delete from auth.sessions where id = $1', [claims.session_id]);
      } else if (scope === 'others') {
        await query('delete from auth.sessions where user_id = $1 and id <> $2', [claims.sub, claims.session_id]);
      } else {
        await query('delete from auth.sessions where user_id = $1', [claims.sub]);
      }
    });
  }

  const routes = {
    'POST /otp': async (req) => sendOtp(await readJson(req)),
    'POST /verify': async (req) => verifyOtp(await readJson(req)),
    'POST /token': async (req, url) => refresh(url, await readJson(req)),
    'GET /user': async (req) => currentUser(req),
    'POST /logout': async (req, url) => {
      await logout(req, url);
      return undefined;
    },
    'GET /health': async () => ({ name: 'Peerside local auth stand-in', description: 'Dev tooling, not GoTrue.' }),
  };

  /** Handles a request whose path has had `/auth/v1` removed. */
  return async function handle(req, res, url, path) {
    const route = routes[`${req.method} ${path}`];
    try {
      if (!route) {
        throw new HttpError(
          404,
          'not_found',
          `The local auth stand-in does not implement ${req.method} /auth/v1${path}.`,
        );
      }
      const body = await route(req, url);
      sendJson(res, body === undefined ? 204 : 200, body, API_VERSION);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(
          res,
          error.status,
          { code: error.code, error_code: error.code, message: error.message, msg: error.message },
          API_VERSION,
        );
        return;
      }
      log(`Auth stand-in error: ${error.stack ?? error}`);
      sendJson(
        res,
        500,
        { code: 'unexpected_failure', message: 'The local auth stand-in failed; see its log.' },
        API_VERSION,
      );
    }
  };
}
