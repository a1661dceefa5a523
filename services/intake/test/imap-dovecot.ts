import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A private, real dovecot for tests: its own config, maildir and log in a temp dir, plaintext
 * login on 127.0.0.1 only, one passwd-file user. Installs Debian's dovecot-imapd where it is
 * missing and we are root; otherwise the caller skips with `reason`.
 */
export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  url(opts?: { password?: string; mailbox?: string; query?: string }): string;
  log(): string;
  /** Appends a raw message (a client of its own, like any MUA or MTA would). */
  append(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Messages in a folder given as `A/B` (joined with the server's own delimiter). */
  count(folder: string): Promise<number>;
  /** Stops the server but keeps its mail, to play an outage; `resume` starts it again on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

function findDovecot(): string | null {
  for (const p of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** Installs dovecot-imapd quietly where apt and root are available; returns why not otherwise. */
export function ensureDovecot(): { bin: string } | { reason: string } {
  let bin = findDovecot();
  if (bin) return { bin };
  if (process.getuid?.() !== 0) return { reason: 'dovecot is not installed and tests do not run as root to install it (apt-get install dovecot-imapd)' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 240_000 });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], { env, stdio: 'ignore', timeout: 240_000 }) : update;
  bin = findDovecot();
  return bin ? { bin } : { reason: `dovecot-imapd could not be installed (apt-get exit ${install.status ?? install.signal})` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('data', (d: Buffer) => done(d.toString().startsWith('* OK')));
    sock.connect(port, '127.0.0.1');
  });
}

function idsOf(name: string): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })) };
  } catch {
    return null;
  }
}

function groupOf(user: string): string {
  try {
    return execFileSync('id', ['-gn', user], { encoding: 'utf8' }).trim();
  } catch {
    return 'nogroup';
  }
}

/** Who dovecot's processes run as: unprivileged system users under root, else ourselves. */
function accounts(): { internal: string; login: string; mail: { uid: number; gid: number } } {
  const me = userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, mail: { uid: me.uid, gid: me.gid } };
  const internal = idsOf('dovecot') ? 'dovecot' : 'nobody';
  const login = idsOf('dovenull') ? 'dovenull' : internal;
  return { internal, login, mail: idsOf(internal) ?? { uid: 65534, gid: 65534 } };
}

async function launch(bin: string, conf: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(bin, ['-F', '-c', conf], { stdio: 'ignore' });
  const until = Date.now() + 15_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      const log = existsSync(join(dir, 'dovecot.log')) ? execFileSync('tail', ['-20', join(dir, 'dovecot.log')], { encoding: 'utf8' }) : '';
      child.kill('SIGTERM');
      throw new Error(`dovecot did not start on port ${port}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function withClient<T>(port: number, user: string, pass: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => undefined);
  }
}

export async function startDovecot(user = 'support', password = 'secret-pass'): Promise<Dovecot> {
  const found = ensureDovecot();
  if ('reason' in found) throw new Error(found.reason);
  const dir = mkdtempSync(join(tmpdir(), 'tdtest-dovecot-'));
  chmodSync(dir, 0o755);
  const acc = accounts();
  const mailDir = join(dir, 'mail');
  for (const d of [mailDir, join(dir, 'run'), join(dir, 'state')]) mkdirSync(d, { recursive: true });
  if (userInfo().uid === 0) chownSync(mailDir, acc.mail.uid, acc.mail.gid);
  const port = await freePort();
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${acc.mail.uid}:${acc.mail.gid}::${mailDir}/${user}\n`);
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `instance_name = ${dir.split('/').pop()}`,
      'listen = 127.0.0.1',
      'protocols = imap',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      'auth_failure_delay = 0',
      `log_path = ${dir}/dovecot.log`,
      `default_internal_user = ${acc.internal}`,
      `default_internal_group = ${groupOf(acc.internal)}`,
      `default_login_user = ${acc.login}`,
      'first_valid_uid = 1',
      'mail_location = maildir:~/Maildir',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = passwd-file',
      `  args = ${dir}/passwd`,
      '}',
      // No anvil auth penalty (up to 15 s per login) for a test's deliberate failed logins.
      'service anvil {',
      '  unix_listener anvil-auth-penalty {',
      '    mode = 0',
      '  }',
      '}',
      'service imap-login {',
      '  chroot =',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  let child: ChildProcess = await launch(found.bin, conf, dir, port);
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const halt = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    url: (o = {}) => `imap://${encodeURIComponent(user)}:${encodeURIComponent(o.password ?? password)}@127.0.0.1:${port}/${o.mailbox ?? 'INBOX'}${o.query ? `?${o.query}` : ''}`,
    append: (raw, mailbox = 'INBOX') => withClient(port, user, password, async (c) => void (await c.append(mailbox, raw))),
    count: (folder) => withClient(port, user, password, async (c) => ((await c.status(folder.split('/'), { messages: true })) || { messages: 0 }).messages ?? 0),
    log: () => (existsSync(join(dir, 'dovecot.log')) ? execFileSync('cat', [join(dir, 'dovecot.log')], { encoding: 'utf8' }) : ''),
    halt,
    async resume() {
      child = await launch(found.bin, conf, dir, port);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', kill);
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
