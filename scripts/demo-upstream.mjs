// Stand-ins for the services of the order-saga example (inventory, payments, shipping) on
// 127.0.0.1, for the README's worked example. Each charge fails once with 503 before it
// succeeds, so the run shows a retry. Usage: node scripts/demo-upstream.mjs [port]
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? process.env.DEMO_PORT ?? 4790);
const seenCharges = new Set();
let counter = 0;

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const key = req.headers['idempotency-key'] ?? '';
    const answer = (status, json) => {
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
      console.log(`${req.method} ${req.url} -> ${status}`);
    };
    const route = `${req.method} ${req.url}`;
    if (route === 'POST /inventory/reservations') return answer(201, { id: `res-${++counter}` });
    if (req.method === 'DELETE' && req.url?.startsWith('/inventory/reservations/')) return answer(204);
    if (route === 'POST /payments/charges') {
      if (!seenCharges.has(key)) {
        seenCharges.add(key);
        return answer(503, { error: 'try again' });
      }
      return answer(201, { id: `ch-${++counter}` });
    }
    if (route === 'POST /payments_backup/charges') return answer(201, { id: `bk-${++counter}` });
    if (route === 'POST /payments/refunds' || route === 'POST /payments_backup/refunds') return answer(200, { refunded: true });
    if (route === 'POST /shipping/shipments') return answer(201, { id: `sh-${++counter}` });
    return answer(404, { error: 'no such route' });
  });
});
server.listen(port, '127.0.0.1', () => console.log(`demo services on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
