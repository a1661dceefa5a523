import { normalizeText } from './normalize.js';
import { stripQuotedText } from './quoted-text.js';

/**
 * What a customer means in a short reply (to a KB answer, to a consent request), in French,
 * German and English. Phrases are matched on normalised text ("ça n'a pas aidé" → "ca n a pas
 * aide") padded with spaces, so every phrase below is written the same way, between word bounds.
 */

const phrases = (list: string): RegExp =>
  new RegExp(` (${list.split('|').map((p) => p.trim()).join('|')}) `);

const NOT_HELPED = phrases(
  'did not help|didn t help|does not help|doesn t help|not helped|wasn t helpful|not helpful|did not work|didn t work|'
    + 'does not work|doesn t work|still not working|not working|still doesn t work|still does not work|not solved|not resolved|'
    + 'not fixed|didn t solve|did not solve|didn t fix|did not fix|same problem|still the same|problem persists|'
    + 'still have the problem|still having|no luck|unfortunately not|need more help|need further help|'
    + 'n a pas aide|ne m a pas aide|pas aide|n a rien change|ne marche toujours pas|ne fonctionne toujours pas|toujours pas|'
    + 'toujours le meme probleme|pas resolu|n est pas resolu|pas regle|n est pas regle|probleme persiste|ne marche pas|'
    + 'ne fonctionne pas|sans succes|malheureusement non|pas d amelioration|'
    + 'hat nicht geholfen|nicht geholfen|hilft nicht|hat nicht geklappt|nicht geklappt|klappt nicht|klappt immer noch nicht|'
    + 'funktioniert immer noch nicht|funktioniert nicht|geht immer noch nicht|geht nicht|nicht geloest|nicht behoben|'
    + 'besteht weiterhin|immer noch|leider nein|leider nicht|ohne erfolg|hat nichts gebracht|bringt nichts',
);
const SOLVED = phrases(
  'solved|resolved|fixed|works now|working now|it worked|that worked|worked|that helped|it helped|helped|problem is gone|'
    + 'issue is gone|all good|sorted|got it working|can be closed|you can close|'
    + 'c est regle|est regle|probleme regle|regle merci|merci regle|resolu|ca marche|ca fonctionne|ca a fonctionne|ca a marche|fonctionne maintenant|marche maintenant|'
    + 'm a aide|tout est bon|c est bon|vous pouvez fermer|c est ok|'
    + 'hat geklappt|geklappt|klappt jetzt|funktioniert jetzt|funktioniert wieder|geht wieder|geht jetzt|geloest|hat geholfen|'
    + 'erledigt|behoben|passt jetzt|kann geschlossen werden|koennen schliessen',
);
const SOLVED_ALL = new RegExp(SOLVED.source, 'g');
/** A negation right before a "solved" phrase turns it around ("pas encore réglé", "noch nicht gelöst"). */
const NEGATED_BEFORE = / (not|never|pas|jamais|nicht|nie|kein|keine|noch nicht|pas encore|not yet|isn t|wasn t|hasn t) (\w+ )?$/;

/** Yes-sounding phrases built from no-words, removed before the words are counted. */
const YES_PHRASES = phrases(
  'no problem|no problems|no objection|no objections|don t mind|do not mind|'
    + 'pas de probleme|pas de souci|aucun probleme|aucun souci|pas d objection|ne vois pas d inconvenient|'
    + 'kein problem|keine einwaende|nichts dagegen|habe nichts dagegen',
);
/** Hesitation, neither yes nor no ("not sure" holds "sure"). */
const UNSURE_PHRASES = phrases(
  'not sure|unsure|i don t know|don t know|pas sur|pas certain|pas certaine|je ne sais pas|nicht sicher|weiss nicht|unsicher',
);
/** No-phrases built from yes-words. */
const NO_PHRASES = phrases(
  'not agree|don t agree|do not agree|disagree|do not consent|don t consent|not ok|not okay|don t want|do not want|'
    + 'do not forward|don t forward|rather not|'
    + 'pas d accord|n accepte pas|ne pas transmettre|ne souhaite pas|ne veux pas|hors de question|non merci|'
    + 'nicht einverstanden|nicht zustimmen|stimme nicht zu|nicht weiterleiten|bitte nicht|nein danke|lieber nicht|auf keinen fall|passt nicht',
);
const YES_WORDS = phrases(
  'yes|yeah|yep|ok|okay|agree|agreed|approve|approved|go ahead|please proceed|proceed|consent|i consent|fine with me|sure|'
    + 'of course|please forward|you may forward|that s fine|'
    + 'oui|d accord|j accepte|accepte|allez y|volontiers|bien sur|je consens|j autorise|autorise|ok pour moi|'
    + 'vous pouvez transmettre|ja|einverstanden|zustimmen|stimme zu|gerne|in ordnung|alles klar|selbstverstaendlich|genehmigt|passt',
);
const NO_WORDS = phrases(
  'no|nope|decline|declined|deny|denied|refuse|refused|i object|non|refuse|je refuse|nein|lehne ab|ablehnen|abgelehnt|keinesfalls',
);

/** The reply's own words, normalised and padded: quotes and the signature ("-- ") are dropped. */
function ownWords(text: string): string {
  const own = stripQuotedText(text.length > 8192 ? text.slice(0, 8192) : text);
  const signature = own.search(/^-- ?$/m);
  const body = signature >= 0 ? own.slice(0, signature) : own;
  return ` ${normalizeText(body).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

function blank(text: string, pattern: RegExp): { rest: string; found: boolean } {
  let found = false;
  // Keep the surrounding spaces so adjacent phrases still see their word bounds; the lookahead
  // lets "not ok not ok" blank both.
  const everywhere = new RegExp(`${pattern.source.slice(0, -1)}(?= )`, 'g');
  const rest = text.replace(everywhere, () => {
    found = true;
    return ' # ';
  });
  return { rest, found };
}

/** Whether a reply to a self-help answer says it solved the problem, did not help, or neither. */
export function detectSelfHelpReply(text: string): 'solved' | 'not-helped' | 'unknown' {
  const words = ownWords(text);
  const negative = blank(words, NOT_HELPED);
  let solved = false;
  let notHelped = negative.found;
  for (const match of negative.rest.matchAll(SOLVED_ALL)) {
    const before = negative.rest.slice(Math.max(0, match.index - 30), match.index + 1);
    if (NEGATED_BEFORE.test(before)) notHelped = true;
    else solved = true;
  }
  // Mixed news ("the first part works, the second still doesn't") needs a person: escalate.
  if (notHelped) return 'not-helped';
  return solved ? 'solved' : 'unknown';
}

/** Whether a reply to a consent request grants it, denies it, or is unclear (both or neither). */
export function detectConsentReply(text: string): 'yes' | 'no' | 'ambiguous' {
  const words = ownWords(text);
  const unsure = blank(words, UNSURE_PHRASES);
  const yesPhrase = blank(unsure.rest, YES_PHRASES);
  const noPhrase = blank(yesPhrase.rest, NO_PHRASES);
  const yes = yesPhrase.found || YES_WORDS.test(noPhrase.rest);
  const no = noPhrase.found || NO_WORDS.test(noPhrase.rest);
  if (yes === no) return 'ambiguous';
  return yes ? 'yes' : 'no';
}
