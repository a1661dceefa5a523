import { fr, de } from './i18n-fr-de.js';

/** The console's own words in English, French and German; `t(key, vars)` fills `{name}` slots. */
const en = {
  appName: 'Tierdesk console',
  skip: 'Skip to content',
  signInTitle: 'Sign in',
  signInIntro: 'Sign in with the API token (printed when Tierdesk starts, or the API_TOKEN setting), or with your own agent token from the configuration.',
  tokenLabel: 'API token or agent token',
  agentLabel: 'You are (with the API token)',
  agentHint: 'With an agent token you are signed in as that agent, whatever is chosen here.',
  agentOther: 'someone else (console)',
  signIn: 'Sign in',
  wrongToken: 'Sign-in refused: that is not the API token or an agent token. Use the token printed when Tierdesk started, the value of API_TOKEN, or the "token" of your entry under "agents" in the configuration.',
  missingToken: 'Sign-in refused: enter the API token or your agent token.',
  tooManyAttempts: 'Sign-in refused: too many wrong tokens from this address. Wait a minute and try again.',
  signedOut: 'You are signed out.',
  sessionExpired: 'Please sign in to use the console.',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {agent}',
  queues: 'Queues',
  language: 'Language',
  shortcuts: 'Keys: j/k next/previous ticket, Enter open, f filters, q queues, r reply, e level, s resolve, ? this help',
  filters: 'Filters',
  status: 'Status',
  priority: 'Priority',
  needsTriage: 'Needs triage only',
  any: 'any',
  active: 'active (not resolved or closed)',
  apply: 'Apply',
  reset: 'Reset',
  noTickets: 'No tickets.',
  ticket: 'Ticket',
  subject: 'Subject',
  customer: 'Customer',
  sla: 'SLA',
  updated: 'Updated',
  level: 'Level',
  levelN: 'Level {n}',
  live: 'Live: refreshed every few seconds.',
  lastRefresh: 'Last refresh {time}',
  liveError: 'Live update failed; retrying.',
  newTickets: 'New: {ids}',
  left: '{t} left',
  overdue: 'overdue by {t}',
  paused: 'paused, {t} left',
  pausedOverdue: 'paused, overdue',
  noSla: 'no SLA',
  met: 'met',
  outsideHours: 'clock stopped outside business hours',
  firstResponse: 'First response',
  resolution: 'Resolution',
  policy: 'Policy',
  pausedSince: 'Paused since',
  pauses: 'Pauses',
  stillPaused: 'still paused',
  pausedTotal: 'Clock stopped for {t} of business time in total.',
  breaches: 'Breaches',
  warnings: 'Warnings',
  none: 'none',
  messages: 'Messages',
  timeline: 'Timeline',
  triage: 'Triage',
  callback: 'Callback',
  consent: 'Consent',
  vendor: 'Vendor',
  inbound: 'in',
  outbound: 'out',
  noText: '(no text)',
  confidence: 'Confidence',
  needsTriageYes: 'A person should check this classification.',
  explanation: 'Why',
  kb: 'Articles',
  suggestedVendor: 'Suggested vendor',
  category: 'Category',
  language2: 'Language',
  created: 'Created',
  flags: 'Flags',
  slot: 'Slot',
  customerTime: 'customer time ({zone})',
  attempts: 'Attempts',
  agent: 'Agent',
  notes: 'Notes',
  requestedAt: 'Requested',
  decidedAt: 'Decided',
  channel: 'Channel',
  handedOffAt: 'Handed off',
  externalRef: 'Vendor reference',
  followups: 'Follow-ups',
  lastReply: 'Last vendor reply',
  noCallback: 'No callback booked.',
  noConsent: 'No consent requested.',
  noVendor: 'No vendor involved.',
  noTriage: 'Not classified yet.',
  actions: 'Actions',
  reply: 'Reply to the customer',
  replyBody: 'Message',
  sendReply: 'Send reply',
  changeLevel: 'Escalate or change level',
  reason: 'Reason',
  changeLevelSubmit: 'Change level',
  resolve: 'Resolve',
  resolveSubmit: 'Resolve ticket',
  changePriority: 'Change priority',
  reasonOptional: 'Reason (optional)',
  changePrioritySubmit: 'Set priority',
  callbackOutcome: 'Record the callback outcome',
  outcome: 'Outcome',
  reached: 'customer reached',
  noAnswer: 'no answer',
  recordOutcome: 'Record outcome',
  phoneConsent: 'Record consent given by phone',
  consentGranted: 'customer agrees to the vendor handoff',
  consentDenied: 'customer refuses',
  recordConsent: 'Record consent',
  chooseVendor: 'Choose a vendor',
  chooseVendorSubmit: 'Choose vendor',
  triageReview: 'Confirm or correct the triage',
  triageConfirm: 'Classification is right',
  triageCorrect: 'Save correction',
  correctLevel: 'Right level',
  correctCategory: 'Right category',
  triageNote: 'A correction is kept as a labelled example for the triage rules (tierdesk triage corrections --jsonl); a different level also moves the ticket.',
  done: 'Done: {action}.',
  notDone: 'Not done: {code}',
  notDoneHint: 'Nothing was changed.',
  changed: 'This ticket has changed since the page was loaded.',
  reload: 'Reload',
  notFound: 'No ticket {id}.',
  back: 'Back to the queues',
  badCsrf: 'The form was stale or not sent from this console (missing CSRF token). Reload the page and try again.',
  triageConfirmed: 'triage confirmed',
  triageCorrected: 'triage corrected',
  failedJobs: 'Failed jobs',
  failedJobsIntro: 'Jobs that exhausted their retries (dead letters), newest failure first. Retry runs a job again with fresh attempts, as tierdesk jobs retry does; work already done (an email already sent) is not done twice, and a job already replayed is skipped.',
  failedJobsCount: '{n} failed jobs',
  noFailedJobs: 'No failed jobs.',
  queue: 'Queue',
  jobId: 'Job',
  failureReason: 'Failure',
  failedAt: 'Failed',
  retry: 'Retry',
  retryJob: 'Retry job {id}',
  retryAll: 'Retry all',
  retryResult: 'Replayed: {retried}. Skipped (no longer failed): {skipped}.',
} as const;

export type MessageKey = keyof typeof en;
export const LANGUAGES = ['en', 'fr', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

const DICTS: Record<Lang, Record<MessageKey, string>> = { en, fr, de };

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = DICTS[lang];
  return (key, vars) => {
    const s = dict[key] ?? en[key];
    return vars ? s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : s;
  };
}

/** The best of our languages for an Accept-Language header (q-values honoured), English otherwise. */
export function negotiateLang(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { lang: (tag ?? '').trim().toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLang) ?? 'en';
}

export type EnglishDict = typeof en;
