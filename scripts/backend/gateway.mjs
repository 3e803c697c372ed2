// The local API gateway on the API port, standing in for Supabase's Kong: it requires an `apikey`
// (header or query, anon or service_role) like the real gateway, answers CORS preflights, routes
// /rest/v1/* to PostgREST and /auth/v1/* to the auth stand-in, and nothing else. Dev tooling only;
// it never listens beyond 127.0.0.1.
import { createServer, request } from 'node:http';
import { sendJson } from './http-json.mjs';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, apikey, content-type, content-profile, accept-profile, prefer, range, range-unit, x-client-info, x-supabase-api-version',
  'access-control-expose-headers': 'content-range, content-location, x-supabase-api-version',
  'access-control-max-age': '3600',
};

/**
 * @param {{ apiKeys: string[], postgrestUrl: string, auth: Function, log?: (line: string) => void }} options
 */
export function createGateway({ apiKeys, postgrestUrl, auth, log = () => {} }) {
  const upstream = new URL(postgrestUrl);

  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'OPTIONS') {
      res.writeHead(200, CORS);
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);

    // Kong's key-auth plugin: the key may come as a header or a query parameter, and is not forwarded.
    const apikey = req.headers.apikey ?? url.searchParams.get('apikey');
    if (!apikey) return sendJson(res, 401, { message: 'No API key found in request' });
    if (!apiKeys.includes(String(apikey))) return sendJson(res, 401, { message: 'Invalid API key' });
    url.searchParams.delete('apikey');

    if (url.pathname.startsWith('/auth/v1/')) {
      await auth(req, res, url, url.pathname.slice('/auth/v1'.length));
      return;
    }
    if (url.pathname === '/rest/v1' || url.pathname.startsWith('/rest/v1/')) {
      const headers = { ...req.headers, host: upstream.host };
      delete headers.apikey;
      const proxied = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: (url.pathname.slice('/rest/v1'.length) || '/') + url.search,
          headers,
        },
        (upstreamResponse) => {
          res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
          upstreamResponse.pipe(res);
        },
      );
      proxied.on('error', (error) => {
        log(`Gateway could not reach PostgREST: ${error.message}`);
        if (!res.headersSent)
          sendJson(res, 502, { message: 'An invalid response was received from the upstream server' });
        else res.destroy();
      });
      req.pipe(proxied);
      return;
    }
    sendJson(res, 404, { message: 'no Route matched with those values' });
  });
}
