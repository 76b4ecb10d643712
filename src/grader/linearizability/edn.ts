/** A keyword, `:write`: kept apart from strings so `:f "write"` and `:f :write` can be told apart. */
export class Keyword {
  constructor(readonly name: string) {}
  toString(): string {
    return `:${this.name}`;
  }
}

export type Edn = null | boolean | number | string | Keyword | Edn[] | EdnMap;
export type EdnMap = Map<Edn, Edn>;

/** Bad EDN: what is wrong and the column where the reader stopped (1-based). */
export class EdnError extends Error {
  override name = 'EdnError';
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

const DELIMITERS = new Set([...' \t\r\n,()[]{}";']);
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };

/**
 * Reads EDN forms one after another from a line: nil, booleans, numbers, strings, keywords,
 * symbols (as strings), vectors, lists, sets (as arrays), maps, and tagged values (`#inst "…"`:
 * the value). Enough for Jepsen's histories; not a full EDN reader (no characters, no ratios).
 */
export class EdnReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** What is left of the line, from the next form on. */
  rest(): string {
    this.skipSpace();
    return this.text.slice(this.pos);
  }

  read(): Edn {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw this.error('the line ends where a value should be');
    if (c === '"') return this.readString();
    if (c === ':') {
      this.pos++;
      const name = this.readToken();
      if (name === '') throw this.error('a keyword needs a name after ":"');
      return new Keyword(name);
    }
    if (c === '[' || c === '(') return this.readSequence(CLOSERS[c] as string);
    if (c === '{') {
      this.pos++;
      return this.readMap();
    }
    if (c === '#') {
      this.pos++;
      if (this.text[this.pos] === '{') return this.readSequence('}');
      this.readToken();
      return this.read();
    }
    if (c === ')' || c === ']' || c === '}') throw this.error(`unexpected "${c}"`);
    return this.readAtom();
  }

  private readSequence(closer: string): Edn[] {
    this.pos++;
    const items: Edn[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) throw this.error(`missing "${closer}"`);
      if (this.text[this.pos] === closer) {
        this.pos++;
        return items;
      }
      items.push(this.read());
    }
  }

  private readMap(): EdnMap {
    const map: EdnMap = new Map();
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) throw this.error('missing "}"');
      if (this.text[this.pos] === '}') {
        this.pos++;
        return map;
      }
      const key = this.read();
      this.skipSpace();
      if (this.text[this.pos] === '}') throw this.error(`the key ${ednText(key)} has no value`);
      map.set(key instanceof Keyword ? key.toString() : key, this.read());
    }
  }

  private readString(): string {
    let out = '';
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const c = this.text[i] as string;
      if (c === '"') {
        this.pos = i + 1;
        return out;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[++i] ?? '';
      if (e === 'u') {
        const hex = this.text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error(`bad escape \\u${hex}`, i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else if (e in ESCAPES) out += ESCAPES[e] as string;
      else throw this.error(`bad escape \\${e}`, i);
    }
    throw this.error('a string is not closed');
  }

  private readAtom(): Edn {
    const token = this.readToken();
    if (token === 'nil') return null;
    if (token === 'true' || token === 'false') return token === 'true';
    if (/^[+-]?\d/.test(token)) {
      const number = Number(token.replace(/[NM]$/, ''));
      if (Number.isNaN(number)) throw this.error(`"${token}" is not a number`);
      return number;
    }
    return token;
  }

  private readToken(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !DELIMITERS.has(this.text[this.pos] as string)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ';') this.pos = this.text.length;
      else if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') this.pos++;
      else break;
    }
  }

  private error(message: string, at = this.pos): EdnError {
    return new EdnError(message, at + 1);
  }
}

/** EDN as the models take values: keywords as `:name` strings, maps as objects, sets and lists as arrays. */
export function plain(value: Edn): unknown {
  if (value instanceof Keyword) return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(plain(k)).replace(/^:/, ''), plain(v)]));
  return value;
}

/** A value written back as EDN, for messages. */
export function ednText(value: Edn): string {
  if (value === null) return 'nil';
  if (value instanceof Keyword) return value.toString();
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(ednText).join(' ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${ednText(k)} ${ednText(v)}`).join(', ')}}`;
  return String(value);
}
