/**
 * The CONTAINS (~) subset. Jira hands the value to Lucene; this emulates the part of that syntax people use:
 * words (all must occur, as Jira joins bare terms with AND), "quoted phrases" (words adjacent and in order),
 * `*` and `?` wildcards inside or at the end of a word, and an explicit AND. Matching is on whole words,
 * case-insensitive. Jira's English stemming and stop words are NOT emulated: `win` does not find `wins` here.
 */
export type TextMatcher = (texts: readonly string[]) => boolean;
export type TextQueryResult = { ok: true; matches: TextMatcher } | { ok: false; message: string };

type Term = { kind: 'word'; word: string } | { kind: 'pattern'; pattern: RegExp } | { kind: 'phrase'; words: string[] };

const SEPARATOR = /[^\p{L}\p{N}]+/u;
const SEPARATOR_KEEPING_WILDCARDS = /[^\p{L}\p{N}*?]+/u;
const UNSUPPORTED = /[()[\]{}^~]/;

export function compileTextQuery(query: string, field: string): TextQueryResult {
  if (query.trim() === '') return { ok: false, message: `The field '${field}' does not support searching for an empty string.` };
  const chunks = splitChunks(query);
  const terms: Term[] = [];
  for (const [index, chunk] of chunks.entries()) {
    if (chunk.phrase) {
      const words = words_(chunk.text);
      if (words.length > 0) terms.push(words.length === 1 && words[0] ? { kind: 'word', word: words[0] } : { kind: 'phrase', words });
      continue;
    }
    const text = chunk.text;
    if (text === 'AND' || text === '&&') {
      if (index === 0 || index === chunks.length - 1) return { ok: false, message: `Unable to parse the text '${query}' for field '${field}'.` };
      continue;
    }
    if (text === 'OR' || text === 'NOT' || text === '||' || text === '!' || /^[-+!]./.test(text) || UNSUPPORTED.test(text)) {
      return {
        ok: false,
        message: `The text query '${query}' for field '${field}' uses Lucene syntax ('${text}') that this simulated Jira site does not support.`,
      };
    }
    if (text.startsWith('*') || text.startsWith('?')) {
      return { ok: false, message: `The text query '${query}' for field '${field}' is not allowed to start with '${text.charAt(0)}'.` };
    }
    const parts = text.toLowerCase().split(SEPARATOR_KEEPING_WILDCARDS).filter((part) => part.replace(/[*?]/g, '') !== '');
    if (parts.length === 1 && parts[0]) terms.push(wordTerm(parts[0]));
    else if (parts.length > 1) terms.push({ kind: 'phrase', words: parts.map((part) => part.replace(/[*?]/g, '')) });
  }
  if (terms.length === 0) return { ok: true, matches: () => false };
  return { ok: true, matches: (texts) => texts.some((text) => matchesAll(terms, words_(text))) };
}

function wordTerm(word: string): Term {
  if (!/[*?]/.test(word)) return { kind: 'word', word };
  // Words hold only letters, digits and the two wildcards here, so nothing else needs escaping.
  const source = word.replace(/\?/g, '[\\p{L}\\p{N}]').replace(/\*/g, '[\\p{L}\\p{N}]*');
  return { kind: 'pattern', pattern: new RegExp(`^${source}$`, 'u') };
}

function words_(text: string): string[] {
  return text.toLowerCase().split(SEPARATOR).filter((word) => word !== '');
}

function matchesAll(terms: readonly Term[], words: readonly string[]): boolean {
  return terms.every((term) => {
    if (term.kind === 'word') return words.includes(term.word);
    if (term.kind === 'pattern') return words.some((word) => term.pattern.test(word));
    return containsSequence(words, term.words);
  });
}

function containsSequence(words: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let start = 0; start + sequence.length <= words.length; start += 1) {
    for (let k = 0; k < sequence.length; k += 1) if (words[start + k] !== sequence[k]) continue outer;
    return true;
  }
  return false;
}

type Chunk = { text: string; phrase: boolean };

/** Whitespace-separated chunks; a double-quoted run is one phrase chunk (an unclosed quote runs to the end). */
function splitChunks(query: string): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"') {
      const end = query.indexOf('"', i + 1);
      const stop = end === -1 ? query.length : end;
      chunks.push({ text: query.slice(i + 1, stop), phrase: true });
      i = stop + 1;
    } else {
      let end = i;
      while (end < query.length && !/\s/.test(query.charAt(end)) && query.charAt(end) !== '"') end += 1;
      chunks.push({ text: query.slice(i, end), phrase: false });
      i = end;
    }
  }
  return chunks;
}
