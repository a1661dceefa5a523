// Where a prefix's Redis memory goes: INFO's used_memory, and MEMORY USAGE of every key of the
// prefix grouped by what it holds.
const QUEUES = ['intake', 'triage', 'notify', 'outbound', 'sla', 'sla-timers', 'callbacks', 'callback-timers', 'vendor', 'vendor-timers', 'selfhelp', 'selfhelp-timers'];

function kindOf(prefix, key) {
  const rest = key.slice(prefix.length + 1);
  const [head, second, third] = rest.split(':');
  if (head === 'ticket') return third === 'events' ? 'ticket event logs' : third === 'version' ? 'ticket versions' : 'tickets (JSON)';
  if (head === 'raw') return 'raw messages';
  if (head === 'inbound') return 'parsed messages';
  if (head === 'idx') return 'indexes';
  if (head === 'once') return 'sent-records';
  if (head === 'outbox') return 'event outbox stream';
  if (QUEUES.includes(head)) {
    if (second === 'events') return 'queue event streams';
    const job = rest.slice(head.length + 1);
    if (/^(wait|active|completed|failed|delayed|prioritized|paused|meta|id|stalled|stalled-check|marker|limiter|pc|de)$/.test(job)) return 'queue structures';
    return 'queue jobs (kept completed)';
  }
  return 'other';
}

export async function memoryReport(redis, prefix) {
  const info = await redis.info('memory');
  const usedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  const byKind = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const p = redis.pipeline();
    for (const k of keys) p.memory('USAGE', k, 'SAMPLES', '0');
    const res = await p.exec();
    keys.forEach((k, i) => {
      const kind = kindOf(prefix, k);
      byKind[kind] = (byKind[kind] ?? 0) + Number(res[i][1] ?? 0);
    });
  } while (cursor !== '0');
  return { usedMemory, byKind };
}
