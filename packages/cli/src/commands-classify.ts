import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfigFile, loadEnv } from '@tierdesk/config';
import { createClassifier, toContractClassification, InvalidInputError } from '@tierdesk/domain';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function inputOf(value: unknown, where: string): { subject: string; body: string; from?: string } {
  const v = value as { subject?: unknown; body?: unknown; from?: unknown } | null;
  if (!v || typeof v !== 'object') throw new InvalidInputError(`${where}: expected a JSON object {"subject", "body", "from"?}.`);
  if (v.subject !== undefined && typeof v.subject !== 'string') throw new InvalidInputError(`${where}: "subject" must be a string.`);
  if (v.body !== undefined && typeof v.body !== 'string') throw new InvalidInputError(`${where}: "body" must be a string.`);
  return { subject: (v.subject as string) ?? '', body: (v.body as string) ?? '', ...(typeof v.from === 'string' ? { from: v.from } : {}) };
}

/** CONTRACT §8: the very classifier the triage service uses, on stdin. No Redis needed. */
export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('classify {"subject","body","from"?} from stdin (one JSON object, or JSON lines with --jsonl)')
    .option('--jsonl', 'one JSON object per line')
    .action(async (o: { jsonl?: boolean }) => {
      const env = loadEnv(process.env, process.cwd());
      const config = loadConfigFile(env.configPath);
      const classify = createClassifier({ rules: config.rules, vendors: config.vendors, kb: config.kb });
      const emit = (input: ReturnType<typeof inputOf>) => JSON.stringify(toContractClassification(classify(input)));
      if (!o.jsonl) {
        const text = (await readAll(process.stdin)).trim();
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          throw new InvalidInputError(`stdin is not one JSON object: ${(err as Error).message}`);
        }
        process.stdout.write(`${emit(inputOf(value, 'stdin'))}\n`);
        return;
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      let failed = 0;
      const out: string[] = [];
      for await (const raw of rl) {
        n++;
        if (!raw.trim()) continue;
        try {
          out.push(emit(inputOf(JSON.parse(raw), `line ${n}`)));
        } catch (err) {
          failed++;
          out.push(JSON.stringify({ error: { code: 'INVALID_INPUT', message: `line ${n}: ${(err as Error).message}` } }));
        }
        if (out.length >= 512) process.stdout.write(`${out.splice(0).join('\n')}\n`);
      }
      if (out.length) process.stdout.write(`${out.join('\n')}\n`);
      if (failed) process.exitCode = 1;
    });
}
