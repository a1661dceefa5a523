import { Command, CommanderError } from 'commander';
import { loadConfigFile, DEFAULT_CONFIG_PATH } from '@tierdesk/config';
import { registerClassifyCommand } from './commands-classify.js';
import { registerTicketCommands } from './commands-ticket.js';
import { registerExtraCommands } from './commands-extra.js';
import { EXIT_CONFIG, EXIT_OK, reportError } from './exit.js';
import { runStart } from './start.js';

export function buildProgram(): Command {
  const program = new Command('tierdesk').description('Tierdesk support escalation').exitOverride().showHelpAfterError();
  program
    .command('start')
    .description('start all services (or --only some) in this process')
    .option('--only <services>', 'comma-separated: intake,triage,mailer,sla-timer,callback-scheduler,vendor-handoff,api')
    .action(async (o: { only?: string }) => {
      process.exitCode = await runStart(o.only);
    });
  const config = program.command('config').description('configuration');
  config
    .command('check [path]')
    .description('validate a config file (default: TIERDESK_CONFIG or the shipped example)')
    .action((path?: string) => {
      const file = path ?? process.env.TIERDESK_CONFIG ?? DEFAULT_CONFIG_PATH;
      const c = loadConfigFile(file);
      process.stdout.write(`${file}: valid (${c.sla.policies.length} SLA policies, ${c.agents.length} agents, ${c.vendors.length} vendors, ${c.kb.length} KB articles)\n`);
    });
  registerClassifyCommand(program);
  registerTicketCommands(program);
  registerExtraCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_CONFIG;
    return reportError(err);
  }
}
