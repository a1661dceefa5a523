import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClassifierOptions } from '../src/triage/index.js';

const benchDir = fileURLToPath(new URL('../../../bench/triage/', import.meta.url));

export interface CorpusMail {
  id: string;
  language: string;
  level: number;
  category?: string;
  subject: string;
  body: string;
}

/** One JSONL corpus file of bench/triage/corpus. */
export function loadCorpus(name: 'tuning' | 'holdout' | 'holdout-audit'): CorpusMail[] {
  return readFileSync(`${benchDir}corpus/${name}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusMail);
}

/** The vendors and KB the benchmark runs with, and no config rules (defaults only). */
export function benchOptions(): ClassifierOptions {
  const { vendors, kb } = JSON.parse(readFileSync(`${benchDir}options.json`, 'utf8')) as Omit<ClassifierOptions, 'rules'>;
  return { rules: [], vendors, kb };
}
