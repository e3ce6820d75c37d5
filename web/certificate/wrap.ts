// Breaking a certificate's text into lines of a width: after a space or beside a CJK character,
// keeping the rule of 禁则 (no line begins with closing punctuation or ends with opening
// punctuation); a hash, a key or a link anywhere.
const isCjk = (c: string): boolean => c.codePointAt(0)! >= 0x2e80;
const CLOSING = new Set('，。、；：！？）》」』】〕,.;:!?)]');
const OPENING = new Set('（《「『【〔([');

/**
 * `text` in lines no wider than `width`, each character `widthOf(c)` wide (its advance, as pdf-lib
 * draws it: the fonts keep no kerning). `anywhere`: break between any two characters. A word wider
 * than the line is broken where it reaches the edge; spaces at a break are dropped.
 */
export function wrap(text: string, widthOf: (c: string) => number, width: number, anywhere = false): string[] {
  const advance = new Map<string, number>();
  const measure = (c: string): number => {
    let w = advance.get(c);
    if (w === undefined) advance.set(c, (w = widthOf(c)));
    return w;
  };
  const lines: string[] = [];
  let chars: string[] = [];
  let used = 0;
  for (const c of text) {
    if (chars.length === 0 && c === ' ') continue;
    if (used + measure(c) <= width || chars.length === 0) {
      chars.push(c);
      used += measure(c);
      continue;
    }
    // Break before `c` if that is allowed, else at the line's last opportunity, else at the edge.
    const at = (i: number): string => chars[i] ?? c;
    const opportunity = (i: number): boolean =>
      anywhere || at(i) === ' ' || (!CLOSING.has(at(i)) && !OPENING.has(chars[i - 1]!) && (chars[i - 1] === ' ' || isCjk(chars[i - 1]!) || isCjk(at(i))));
    let cut = chars.length;
    while (cut > 0 && !opportunity(cut)) cut--;
    if (cut === 0) cut = chars.length;
    lines.push(chars.slice(0, cut).join('').trimEnd());
    chars = [...chars.slice(cut), c];
    while (chars[0] === ' ') chars.shift();
    used = chars.reduce((w, x) => w + measure(x), 0);
  }
  if (chars.length > 0) lines.push(chars.join('').trimEnd());
  return lines;
}
