import type { Command } from 'commander';
import { DEMO_MAILS, formatDemoTable, runDemo } from '@tierdesk/console';
import { InvalidInputError } from '@tierdesk/domain';
import { withRuntime } from './context.js';
import { registerTriageCommands } from './commands-triage.js';

function seconds(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidInputError(`--${name} must be a positive number of seconds, got "${value}".`);
  return n * 1000;
}

/** Only the address of MAIL_FROM ("Support <support@localhost>" → support@localhost). */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/**
 * `tierdesk demo`: one realistic email per level (FR/DE/EN) into the running system over real
 * SMTP, then a table of what became of each. Also registers the console's CLI companions.
 */
export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('send one example email per support level to the running Tierdesk over SMTP and show what happened')
    .option('--timeout <seconds>', 'how long to wait for the tickets to settle', '30')
    .option('--json', 'print JSON instead of a table')
    .action(async (o: { timeout: string; json?: boolean }) => {
      const timeoutMs = seconds(o.timeout, 'timeout');
      await withRuntime(async (rt) => {
        const { intakeSmtpHost, intakeSmtpPort } = rt.env;
        if (!intakeSmtpPort) throw new InvalidInputError('INTAKE_SMTP_PORT is 0 (SMTP intake off); the demo sends its emails over SMTP. Set INTAKE_SMTP_PORT to the port `tierdesk start` listens on.');
        const consoleUrl = `${rt.env.publicUrl}/console`;
        if (!o.json) process.stdout.write(`Sending ${DEMO_MAILS.length} demo emails to ${intakeSmtpHost}:${intakeSmtpPort} …\n`);
        const result = await runDemo({ store: rt.store, smtpHost: intakeSmtpHost, smtpPort: intakeSmtpPort, to: addressOf(rt.env.mailFrom), now: rt.now, timeoutMs });
        if (o.json) process.stdout.write(`${JSON.stringify({ ...result, consoleUrl }, null, 2)}\n`);
        else process.stdout.write(formatDemoTable(result, rt.config.timezone, consoleUrl));
        if (!result.settled) process.exitCode = 1;
      });
    });
  registerTriageCommands(program);
}
