// Aggregates a V8 .cpuprofile (node --cpu-prof; bench/pipeline/run.mjs --cpu-prof DIR) into the
// top self-time and total-time (self + callees, counted once per stack) entries.
// Usage: node bench/pipeline/profile-top.mjs FILE.cpuprofile [--by fn|file|pkg] [--top 25] [--per N]
//   --per N divides the times by N (e.g. the number of tickets) to give ms per item.
//   --match TEXT lists only entries whose key contains TEXT.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
if (!file) {
  console.error('usage: node bench/pipeline/profile-top.mjs FILE.cpuprofile [--by fn|file|pkg] [--top 25] [--per N] [--match TEXT]');
  process.exit(2);
}
const by = opt('by', 'fn');
const top = Number(opt('top', 25));
const per = Number(opt('per', 0));
const match = opt('match', null);
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** Where a frame belongs: the package under node_modules, the workspace package, or node itself. */
function place(url) {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ws = /\/(packages|services)\/([^/]+)\//.exec(path);
  if (ws) return `${ws[1]}/${ws[2]}`;
  if (path.startsWith('node:')) return 'node:internal';
  return path;
}

function shortUrl(url) {
  const path = (url ?? '').replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  const ws = /\/((?:packages|services)\/.*)$/.exec(path);
  return ws ? ws[1] : path;
}

function keyOf(frame) {
  if (by === 'pkg') return place(frame.url);
  if (by === 'file') return frame.url ? shortUrl(frame.url) : `(${frame.functionName || 'native'})`;
  return `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
}

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample time: timeDeltas[i] is the time before sample i; attribute it to that sample.
const selfUs = new Map();
let totalUs = 0;
const samples = profile.samples;
const deltas = profile.timeDeltas;
for (let i = 0; i < samples.length; i++) {
  const dt = deltas[i + 1] ?? 0;
  selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  totalUs += dt;
}

const self = new Map();
const total = new Map();
for (const [id, us] of selfUs) {
  const n = nodes.get(id);
  const k = keyOf(n.callFrame);
  self.set(k, (self.get(k) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = keyOf(nodes.get(cur).callFrame);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + us);
  }
}

const idle = ['(idle)', '(program)', '(garbage collector)', '(root)'];
const busyUs = totalUs - [...self].filter(([k]) => idle.some((i) => k.startsWith(i)) && !k.startsWith('(garbage')).reduce((a, [, v]) => a + v, 0);
const unit = (us) => (per ? `${(us / 1000 / per).toFixed(3)} ms/item` : `${(us / 1000).toFixed(0)} ms`);
const pct = (us) => `${((100 * us) / busyUs).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s busy (not idle/program)${per ? `, per item over ${per}` : ''}; by ${by}`);
const show = (title, m) => {
  console.log(`\n${title}`);
  const rows = [...m].filter(([k]) => !match || k.includes(match)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, us] of rows) console.log(`${pct(us)}  ${unit(us).padStart(16)}  ${k}`);
};
show('self time', self);
show('total time (self + callees)', total);

// --callers TEXT: for frames whose key contains TEXT, their time split by the stack above them
// (the nearest --depth frames, default 4), to see who calls a hot function.
const callers = opt('callers', null);
if (callers) {
  const depth = Number(opt('depth', 4));
  const stacks = new Map();
  for (const [id, us] of selfUs) {
    let cur = id;
    // time spent in or below a matching frame counts once, at the innermost match
    let hit = null;
    for (let c = id; c !== undefined; c = parent.get(c)) {
      if (keyOf(nodes.get(c).callFrame).includes(callers)) {
        hit = c;
        break;
      }
    }
    if (hit === null) continue;
    cur = parent.get(hit);
    const chain = [];
    while (cur !== undefined && chain.length < depth) {
      chain.push(keyOf(nodes.get(cur).callFrame));
      cur = parent.get(cur);
    }
    const k = chain.join(' < ');
    stacks.set(k, (stacks.get(k) ?? 0) + us);
  }
  console.log(`\ncallers of ${callers} (time in or below it)`);
  for (const [k, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${unit(us).padStart(16)}  ${k}`);
}
