// Load generator, forked once by the bench so autocannon does not share the server's event loop
// (and is not started anew for every round). Each message {url, cookie, connections, duration}
// runs one autocannon load and answers with every response time (ms, float; autocannon's own
// histogram has no p95) and the counts of failures, so the bench can merge several rounds.
import autocannon from 'autocannon';

process.on('message', (opts) => {
  const times = [];
  let non2xx = 0;
  const instance = autocannon(
    {
      url: opts.url,
      connections: opts.connections,
      duration: opts.duration,
      headers: { cookie: opts.cookie, accept: 'application/json' },
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
