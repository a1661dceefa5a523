/**
 * A deliberately light, language-agnostic suffix stripper for French, German and English. It only
 * has to make inflected forms of the same keyword meet ("factures"/"facture", "Lizenzen"/"Lizenz",
 * "crashed"/"crashes"); keywords and text go through the same function, so consistency matters
 * more than linguistic correctness. Ordered longest first; at most two passes.
 */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['ierungen', ''],
  ['ierung', ''],
  ['ements', ''],
  ['ations', ''],
  ['ement', ''],
  ['ation', ''],
  ['ieren', ''],
  ['iert', ''],
  ['ings', ''],
  ['ing', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ern', ''],
  ['ees', ''],
  ['ee', ''],
  ['es', ''],
  ['ed', ''],
  ['er', ''],
  ['en', ''],
  ['ez', ''],
  ['e', ''],
  ['s', ''],
];
const MIN_STEM = 4;

/** English doubles a final consonant before -ed/-ing ("scanned", "stopped"): undo it. */
const DOUBLED = /([bdgkmnprt])\1$/;

function stripOnce(word: string): string {
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length) + replacement;
      return (suffix === 'ed' || suffix === 'ing' || suffix === 'ings') && DOUBLED.test(stem) ? stem.slice(0, -1) : stem;
    }
  }
  return word;
}

/** Stems one normalised token (see normalizeText). Digits-only tokens are returned unchanged. */
export function lightStem(token: string): string {
  if (token.length <= MIN_STEM) return token;
  const once = stripOnce(token);
  return once === token ? token : stripOnce(once);
}
