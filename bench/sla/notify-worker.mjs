// The mailer's half of bench/sla/run.mjs in its own process, as `tierdesk start --only mailer`
// would run it: the event relay plus the notify workers that queue sla-breach emails.
// Started by run.mjs with the bench's prefix and config; stops on SIGTERM.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(`${root}${p}/dist/index.js`);
const { loadEnv } = await dist('packages/config');
const { createLogger } = await dist('packages/logger');
const { createRuntime } = await dist('packages/runtime');
const { createNotifyProcessor } = await dist('services/mailer');

const config = JSON.parse(readFileSync(0, 'utf8'));
const env = loadEnv(process.env, root);
const rt = await createRuntime({ env, config, logger: createLogger({ level: 'warn', name: 'bench-notify' }), relay: true });
const worker = rt.bus.consume('notify', createNotifyProcessor(rt), { concurrency: Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 32) });
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await worker.close();
  await rt.close();
  process.exit(0);
});
