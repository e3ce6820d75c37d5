// Finding enterprises by a part of their name (enterprises(search:)). Names and searches go
// through the same fold; the stores index each folded name by its bigrams, as FTS5's trigrams
// cannot find the two-character searches (华为) that most Chinese searches are. Pure: the resolver
// checks the search here, the stores fold and index names here, and nowhere else.

/**
 * The version of foldName and nameGrams the stores' indexes were built with: changing either
 * means a new number, and a store opening with an index of another version builds it again.
 */
export const NAME_INDEX_VERSION = 1;

/** The shortest and longest search, in characters (code points) once folded. */
export const MIN_SEARCH = 2;
export const MAX_SEARCH = 50;

/**
 * A name or a search as the index compares them: NFKC (full-width letters, digits and spaces
 * become ASCII ones, compatibility forms their plain ones), then lower case, one character at a
 * time (so that no letter folds by its neighbours, as a final Σ would in a whole string).
 */
export function foldName(text: string): string {
  let folded = '';
  for (const c of text.normalize('NFKC')) folded += c.toLowerCase();
  return folded;
}

/**
 * The distinct two-character windows of folded text, by code point, in the order first met; a
 * one-character text's is that character, an empty text has none. A folded name containing a
 * folded search of two characters or more has every gram of the search among its own.
 */
export function nameGrams(folded: string): string[] {
  const chars = [...folded];
  if (chars.length < 2) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

// C0 and C1 controls, and a surrogate alone (text no name holds, and that no store would encode as given).
const REFUSED = /[\p{Cc}\p{Cs}]/u;

/**
 * The search as the stores take it, folded with its surrounding spaces left off; or why it is
 * refused, for a BAD_USER_INPUT naming the argument.
 */
export function searchText(raw: string): { readonly ok: true; readonly folded: string } | { readonly ok: false; readonly message: string } {
  // No more folding than a search of MAX_SEARCH characters could need (NFKC lengthens a few).
  if (raw.length > MAX_SEARCH * 4) return { ok: false, message: `search takes at most ${MAX_SEARCH} characters` };
  if (REFUSED.test(raw)) return { ok: false, message: 'search may not contain control characters' };
  const folded = foldName(raw).trim();
  const length = [...folded].length;
  if (length < MIN_SEARCH) return { ok: false, message: `search needs at least ${MIN_SEARCH} characters` };
  if (length > MAX_SEARCH) return { ok: false, message: `search takes at most ${MAX_SEARCH} characters` };
  return { ok: true, folded };
}

/**
 * How a store looks up a folded search: the grams to weigh against each other (the rarest is
 * walked), and whether a name having the gram is a match already (a two-character search is its
 * own one gram), or its folded name must still contain the search.
 */
export function searchPlan(folded: string): { readonly grams: readonly string[]; readonly gramIsSearch: boolean } {
  const chars = [...folded];
  if (chars.length < MIN_SEARCH) throw new RangeError(`a name search needs at least ${MIN_SEARCH} characters (domain/name-search.ts searchText)`);
  return { grams: nameGrams(folded), gramIsSearch: chars.length === 2 };
}
