/**
 * Typo tolerance: edit distance 1 (one substitution, insertion, deletion or adjacent swap) found
 * with the symmetric-delete trick, so a lookup costs O(word length) map probes instead of a scan
 * over every keyword.
 */

/** Minimum keyword length for typo tolerance; shorter words collide with real words too often. */
export const FUZZY_MIN_LENGTH = 6;

/** All strings obtained by deleting exactly one character. */
export function singleDeletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by at most one edit (Damerau: an adjacent swap counts as one). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Real words one edit away from a keyword ("expert" vs "export"); never read as typos. */
export const FUZZY_EXCLUDED: ReadonlySet<string> = new Set([
  'expert', 'experts', 'experte', 'experten', 'fracture', 'important', 'importante', 'unterstuetzen',
  'unterstuetze',
]);
