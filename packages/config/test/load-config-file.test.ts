import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from '../src/index.js';
import { exampleJson } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tierdesk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfigFile', () => {
  it('loads a valid file, with a byte-order mark too', () => {
    const path = write('ok.json', `\uFEFF${JSON.stringify(exampleJson(), null, 2)}`);
    expect(loadConfigFile(path).timezone).toBe('Europe/Berlin');
  });

  it('names a missing file and what to do', () => {
    const err = errorOf(() => loadConfigFile(join(dir, 'missing.json')));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(/missing\.json: the file does not exist\. Set TIERDESK_CONFIG/);
  });

  it('names a directory given as a file', () => {
    expect(errorOf(() => loadConfigFile(dir)).message).toMatch(/directory/);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const path = write('bad.json', '{\n  "timezone": "Europe/Berlin",\n  "holidays": ["2026-01-01",]\n}\n');
    const err = errorOf(() => loadConfigFile(path));
    expect(err.message).toContain(`Invalid configuration in ${path}: not valid JSON at line 3, column 29`);
    expect(err.message).toContain(`tierdesk config check ${path}`);
    expect(err.details).toMatchObject({ line: 3, column: 29 });
  });

  it('reports a truncated file at its end', () => {
    const path = write('cut.json', '{\n  "timezone": "Europe/Berlin",\n');
    expect(errorOf(() => loadConfigFile(path)).message).toMatch(/not valid JSON at line 3, column 1/);
  });

  it('names the file in validation errors', () => {
    const json = exampleJson();
    json.timezone = 'Atlantis/Capital';
    const path = write('invalid.json', JSON.stringify(json));
    const err = errorOf(() => loadConfigFile(path));
    expect(err.message.startsWith(`Invalid configuration in ${path}: timezone: unknown time zone`)).toBe(true);
    expect(err.issues).toEqual([{ path: 'timezone', message: expect.stringContaining('Atlantis/Capital') }]);
  });
});
