import type { Command } from 'commander';
import { InvalidInputError, type Ticket } from '@tierdesk/domain';
import { chooseVendor, recordPhoneConsent } from '@tierdesk/vendor-handoff';
import { withRuntime } from './context.js';

function print(t: Ticket, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(t, null, 2)}\n` : `${t.id}  L${t.level}  ${t.status}  consent ${t.consent?.status ?? '-'}  vendor ${t.consent?.vendorId ?? '-'}\n`);
}

/** `tierdesk ticket consent|vendor`: the level-4 actions of the API, for agents at a terminal. */
export function registerVendorCommands(program: Command): void {
  const ticket = program.commands.find((c) => c.name() === 'ticket') ?? program.command('ticket');
  ticket
    .command('consent <id>')
    .description('record the customer consent taken by phone')
    .option('--granted', 'the customer agrees to the vendor handoff')
    .option('--denied', 'the customer refuses it')
    .option('--agent <email>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { granted?: boolean; denied?: boolean; agent?: string; json?: boolean }) => {
      if (Boolean(o.granted) === Boolean(o.denied)) throw new InvalidInputError('Give exactly one of --granted or --denied.', { field: 'granted' });
      const t = await withRuntime((rt) => recordPhoneConsent(rt, id.toUpperCase(), { granted: Boolean(o.granted), ...(o.agent ? { agent: o.agent } : {}) }));
      print(t, Boolean(o.json));
    });
  ticket
    .command('vendor <id>')
    .description('choose the vendor of a level-4 ticket; the customer is then asked for consent')
    .requiredOption('--vendor <id>', 'a vendor id from the config')
    .option('--agent <email>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { vendor: string; agent?: string; json?: boolean }) => {
      const t = await withRuntime((rt) => chooseVendor(rt, id.toUpperCase(), { vendor: o.vendor, ...(o.agent ? { agent: o.agent } : {}) }));
      print(t, Boolean(o.json));
    });
}
