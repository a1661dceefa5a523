import { readFileSync } from 'node:fs';
import { ConfigError, DEFAULT_CONFIG_PATH, parseConfig } from '../src/index.js';
import type { ConfigIssue } from '../src/index.js';

/** Raw config JSON that tests poke into freely, as a person editing the file would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A fresh, mutable copy of the shipped example config. */
export function exampleJson(): Json {
  return JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Json;
}

/** The issues parseConfig reports for `json`; fails the test if it parses. */
export function issuesOf(json: unknown): ConfigIssue[] {
  try {
    parseConfig(json, 'test.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

/** The message reported at exactly `path`, or undefined. */
export function messageAt(json: unknown, path: string): string | undefined {
  return issuesOf(json).find((i) => i.path === path)?.message;
}
