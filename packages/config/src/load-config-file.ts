import { readFileSync } from 'node:fs';
import type { TierdeskConfig } from '@tierdesk/domain';
import { ConfigError } from './config-error.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { parseConfig } from './parse-config.js';

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Where the JSON goes wrong: our own scan, else V8's "at position N", else the end of the text. */
function syntaxErrorLocation(text: string, message: string): { line: number; column: number } {
  const pos = /position (\d+)/.exec(message);
  return lineColumn(text, jsonErrorOffset(text) ?? (pos ? Number(pos[1]) : text.length));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function describeReadError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return err instanceof Error ? err.message : String(err);
}

/** Reads, parses and validates a JSON config file; every failure is a ConfigError naming the file. */
export function loadConfigFile(path: string): TierdeskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const problem = describeReadError(err);
    throw new ConfigError(
      `Cannot read configuration file ${path}: ${problem}. Set TIERDESK_CONFIG to a readable JSON file (config/tierdesk.example.json is a starting point).`,
      [{ path, message: problem }],
      { source: path },
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const { line, column } = syntaxErrorLocation(text, detail);
    const message = `not valid JSON at line ${line}, column ${column} (${firstLine(detail)})`;
    throw new ConfigError(
      `Invalid configuration in ${path}: ${message}. Fix the JSON syntax (no comments or trailing commas) and run \`tierdesk config check ${path}\`.`,
      [{ path: `${path}:${line}:${column}`, message }],
      { source: path, line, column },
    );
  }
  return parseConfig(json, path);
}
