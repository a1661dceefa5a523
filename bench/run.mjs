// `npm run bench` runs every benchmark (bench/*/run.mjs) one after the other;
// `npm run bench -- pipeline` runs only the one named; arguments after the name go to it,
// e.g. `npm run bench -- chaos --quick`. Build first: `npx tsc -b tsconfig.build.json`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'node_modules' && existsSync(`${here}${d.name}/run.mjs`))
  .map((d) => d.name)
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (name && !all.includes(name)) {
  console.error(`No benchmark "${name}". Benchmarks: ${all.join(', ')}.`);
  process.exit(2);
}

let failed = 0;
for (const bench of name ? [name] : all) {
  console.log(`\n######## bench/${bench}`);
  const r = spawnSync(process.execPath, [`${here}${bench}/run.mjs`, ...(name ? rest : [])], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`######## bench/${bench} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
