import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves the built app and forwards /api and /health to the API server, on one origin, as the
 * server does itself in production. Used only when the server cannot serve the app (see
 * harness.ts), so that the journeys still test the built assets against the real API.
 */
export async function startFront(dist: string, apiUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const api = new URL(apiUrl);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/health/')) {
      const upstream = request(
        {
          host: api.hostname,
          port: api.port,
          method: req.method,
          path: url,
          headers: { ...req.headers, host: api.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502).end();
      });
      req.pipe(upstream);
      return;
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(url.split('?')[0]!)).replace(/^(\.\.[/\\])+/, ''));
    const target =
      file.startsWith(dist) && existsSync(file) && statSync(file).isFile() ? file : path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
