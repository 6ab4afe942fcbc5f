// Load generator for tickets.bench.ts, forked so autocannon does not share the server's event loop.
// Each message {url, method, headers, body, connections, duration} runs one autocannon load and
// answers with every response time (ms) and the count of non-2xx answers.
import autocannon from 'autocannon';

process.on('message', (opts) => {
  const times = [];
  let non2xx = 0;
  const instance = autocannon(
    {
      url: opts.url,
      method: opts.method ?? 'GET',
      connections: opts.connections,
      duration: opts.duration,
      headers: opts.headers,
      body: opts.body,
    },
    (err, result) => {
      if (err) {
        process.send({ error: String(err) });
        return;
      }
      process.send({ times, seconds: result.duration, non2xx, errors: result.errors, timeouts: result.timeouts });
    },
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode >= 300) {
      non2xx++;
    }
    times.push(responseTime);
  });
});
