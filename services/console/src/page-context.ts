import type { TierdeskConfig } from '@tierdesk/domain';
import type { Lang, Translate } from './i18n.js';
import type { ConsoleSession } from './session.js';

/** What every console page needs to render: language, the signed-in agent and the form token. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  /** Null on the sign-in page. */
  session: ConsoleSession | null;
  csrf: string;
  config: TierdeskConfig;
  now: Date;
  /** The current path and query, for the language switch to come back to. */
  path: string;
  /** Dead letters in all queues, for the navigation badge; null when not counted. */
  failedJobs: number | null;
}
