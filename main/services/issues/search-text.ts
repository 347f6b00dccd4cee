// Chinese-aware full-text search on SQLite FTS5. unicode61 alone treats a run of Chinese characters as one
// token and trigram cannot find two-character words (皮疹, 医保), so Chinese runs are indexed as
// overlapping bigrams ("皮疹瘙痒" → "皮疹 疹瘙 瘙痒") — the classic CJK bigram analyser — followed by the
// run's last character on its own ("痒"), so that every character begins some token; other words are
// indexed as themselves. A query term of n ≥ 2 Chinese characters becomes the phrase of its n-1 bigrams; a
// single character, Latin words and numbers match by prefix. All terms must match (AND).

const HAN = /\p{Script=Han}/u;
// \p{L} includes Han, so it is excluded from the second kind of run: "HIS系统" is "his" then "系统".
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The text stored in the FTS index for a document. */
export function indexText(...parts: (string | null | undefined)[]): string {
  const tokens: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const run of normalise(part).match(RUN) ?? []) {
      if (!HAN.test(run[0]!)) tokens.push(run);
      else if ([...run].length === 1) tokens.push(run);
      else tokens.push(...bigrams(run), [...run].at(-1)!);
    }
  }
  return tokens.join(' ');
}

/**
 * An FTS5 MATCH expression for what the user typed, or null when nothing searchable remains.
 * Tokens only ever contain letters, digits and Han characters, so quoting them is safe.
 */
export function matchExpression(query: string, { anyTerm = false } = {}): string | null {
  const clauses: string[] = [];
  for (const run of normalise(query).match(RUN) ?? []) {
    if (HAN.test(run[0]!)) {
      const chars = [...run];
      // A single character matches the bigrams that start with it.
      clauses.push(chars.length === 1 ? `"${run}"*` : `"${bigrams(run).join(' ')}"`);
    } else {
      clauses.push(`"${run}"*`);
    }
  }
  if (clauses.length === 0) return null;
  return clauses.join(anyTerm ? ' OR ' : ' AND ');
}
