import type { z } from 'zod';
import { closestKey } from './closest-key.js';
import type { ConfigIssue } from './config-error.js';

type Path = ReadonlyArray<PropertyKey>;
type Issue = z.core.$ZodIssue;

/** `sla.policies[1].warnAtPercent`; the empty path is `(root)`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(root)';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [...]',
  tuple: 'a list [...]',
  object: 'an object {...}',
  null: 'null',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

/** The keys a strict object at `path` accepts, found by walking the schema. */
export function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let node: z.core.$ZodType | undefined = schema;
  const unwrap = (n: z.core.$ZodType): z.core.$ZodType | undefined => {
    const def = n._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'prefault':
      case 'nullable':
      case 'readonly':
      case 'catch':
        return def.innerType as z.core.$ZodType;
      case 'pipe':
        return def.in as z.core.$ZodType;
      case 'union':
        return (def.options as z.core.$ZodType[]).find((o) => (o._zod.def.type as string) === 'object') ?? undefined;
      default:
        return undefined;
    }
  };
  const settle = (n: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let cur = n;
    for (let i = 0; cur && i < 10; i++) {
      const next = unwrap(cur);
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  for (const seg of path) {
    node = settle(node);
    if (!node) return [];
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') node = (def.shape as Record<string, z.core.$ZodType>)[String(seg)];
    else if (def.type === 'array') node = def.element as z.core.$ZodType;
    else if (def.type === 'tuple') node = (def.items as z.core.$ZodType[])[Number(seg)];
    else return [];
  }
  node = settle(node);
  if (!node || node._zod.def.type !== 'object') return [];
  return Object.keys((node._zod.def as unknown as { shape: Record<string, unknown> }).shape);
}

function unknownKeyMessage(key: string, known: string[]): string {
  const suggestion = closestKey(key, known);
  if (suggestion) return `unknown key — did you mean ${JSON.stringify(suggestion)}?`;
  return known.length > 0 && known.length <= 12 ? `unknown key; allowed here: ${known.join(', ')}` : 'unknown key';
}

/** zod's own wording, as opposed to a message a schema in this package set. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big))/.test(message);
}

function messageFor(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return input === undefined ? `is required (${expected})` : `must be ${expected} (got ${typeOf(input)})`;
  }
  if (!isZodDefault(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => show(v)).join(', ')} (got ${show(input)})`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return input === undefined ? issue.message : `${issue.message} (got ${show(input)})`;
  }
}

/** Turns zod issues into path + plain-language problem, one per unknown key. */
export function toConfigIssues(issues: readonly Issue[], schema: z.ZodType, base: Path = []): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: unknownKeyMessage(key, known) });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0 && !issue.message.startsWith('must')) {
      // Report the branch that got furthest, not "invalid input" for the whole union.
      const branches = issue.errors.filter((errs) => !errs.every((e) => e.code === 'invalid_type' && e.path.length === 0));
      const [only] = branches;
      if (branches.length === 1 && only) out.push(...toConfigIssues(only, schema, path));
      else out.push({ path: formatPath(path), message: messageFor(issue) });
    } else {
      out.push({ path: formatPath(path), message: messageFor(issue) });
    }
  }
  return out;
}
