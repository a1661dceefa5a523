import { TierdeskError } from '@tierdesk/domain';

/** One problem in a configuration: where (`sla.policies[1].warnAtPercent`, `REDIS_URL`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** How many problems the one-paragraph message lists; `issues` always holds them all. */
const LISTED_ISSUES = 10;

/** Joins issues into `path: problem; path: problem`, with a count of any left out. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const listed = issues.slice(0, LISTED_ISSUES).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length - listed.length;
  return listed.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
}

/**
 * Bad configuration file or environment (code CONFIG_INVALID). The message is one paragraph a
 * person can act on: every problem by path, then what to do; the CLI prints it and exits 2.
 */
export class ConfigError extends TierdeskError {
  readonly issues: ConfigIssue[];

  constructor(message: string, issues: ConfigIssue[], details?: Record<string, unknown>) {
    super('CONFIG_INVALID', message, { ...details, issues });
    this.issues = issues;
  }

  /** Problems in the JSON configuration of `source` (a file path, when there is one). */
  static forConfig(issues: ConfigIssue[], source?: string): ConfigError {
    const where = source ? ` in ${source}` : '';
    const fix = source
      ? `Fix the file and run \`tierdesk config check ${source}\`.`
      : 'Fix the configuration and run `tierdesk config check <file>`.';
    return new ConfigError(`Invalid configuration${where}: ${endSentence(formatIssues(issues))} ${fix}`, issues, { source });
  }

  /** Problems in environment variables; each issue's path is the variable's name. */
  static forEnv(issues: ConfigIssue[]): ConfigError {
    return new ConfigError(
      `Invalid environment: ${endSentence(formatIssues(issues))} Change or unset the variable and start again.`,
      issues,
    );
  }
}

function endSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
