import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './system.js';

/** The shipped example config with test overrides, written to a temp file for TIERDESK_CONFIG. */
export function writeTestConfig(patch: (c: Record<string, unknown>) => void): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'config/tierdesk.example.json'), 'utf8')) as Record<string, unknown>;
  patch(config);
  const file = join(mkdtempSync(join(tmpdir(), 'tierdesk-config-')), 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
