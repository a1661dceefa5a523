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

/**
 * Words of length ≥ FUZZY_MIN_LENGTH, findable from a word one edit away. A cheap gate comes
 * first: one edit leaves intact the first three letters, or the last three, or (for a swap in the
 * middle of a six-letter word) the first two and last two — so a word sharing none of these with
 * any indexed word is skipped without building its deletions. Most words of a mail are not near
 * any keyword, and this keeps unseen vocabulary cheap.
 */
export class TypoIndex {
  private readonly deletes = new Map<string, Array<{ id: number; form: string }>>();
  private readonly heads = new Set<string>();
  private readonly tails = new Set<string>();
  private readonly ends = new Set<string>();

  add(form: string, id: number): void {
    if (form.length < FUZZY_MIN_LENGTH) return;
    this.heads.add(form.slice(0, 3));
    this.tails.add(form.slice(-3));
    this.ends.add(`${form.slice(0, 2)}|${form.slice(-2)}`);
    for (const variant of [form, ...singleDeletes(form)]) {
      const list = this.deletes.get(variant);
      if (!list) this.deletes.set(variant, [{ id, form }]);
      else if (!list.some((e) => e.id === id && e.form === form)) list.push({ id, form });
    }
  }

  /** Ids of indexed words within one edit of `word` (the word itself included). */
  lookup(word: string): number[] {
    if (word.length < FUZZY_MIN_LENGTH - 1) return [];
    if (!this.heads.has(word.slice(0, 3)) && !this.tails.has(word.slice(-3)) && !this.ends.has(`${word.slice(0, 2)}|${word.slice(-2)}`)) {
      return [];
    }
    const ids: number[] = [];
    for (const variant of [word, ...singleDeletes(word)]) {
      for (const entry of this.deletes.get(variant) ?? []) {
        if (!ids.includes(entry.id) && withinOneEdit(word, entry.form)) ids.push(entry.id);
      }
    }
    return ids;
  }
}
