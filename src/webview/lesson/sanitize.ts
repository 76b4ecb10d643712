import { decodeEntities, escapeHtml } from './escape';
import { classifyUrl } from './url';

/**
 * The last pass over every rendered lesson: the output is rebuilt from an allowlist of tags and
 * attributes rather than filtered, so markup nobody thought of is dropped, not passed through.
 * Lessons are trusted, but the webview must never receive a script, an inline handler or a
 * `javascript:` URL, whatever a lesson (or a bug in the renderer) produces.
 */
export interface SanitizeOptions {
  /** The attributes an `<a href>` gets in place of `href`; an empty object makes it plain text. */
  link(href: string): Record<string, string>;
}

const globalAttributes = new Set(['class', 'id', 'title', 'lang', 'dir', 'role', 'hidden', 'tabindex']);

const tagAttributes: Record<string, readonly string[]> = {
  a: ['name'],
  abbr: [],
  b: [],
  blockquote: [],
  br: [],
  caption: [],
  code: [],
  dd: [],
  del: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  ins: [],
  kbd: [],
  legend: [],
  mark: [],
  nav: [],
  p: [],
  pre: [],
  q: [],
  s: [],
  samp: [],
  section: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  tfoot: [],
  thead: [],
  tr: [],
  u: [],
  ul: [],
  var: [],
  fieldset: [],
  form: [],
  button: ['type', 'disabled', 'value', 'name'],
  details: ['open'],
  img: ['src', 'alt', 'width', 'height'],
  input: ['type', 'name', 'value', 'checked', 'disabled'],
  label: ['for'],
  li: ['value'],
  ol: ['start', 'type', 'reversed'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
};

const voidTags = new Set(['br', 'hr', 'img', 'input']);

/** Elements whose content is code or foreign markup: dropped together with everything inside. */
const droppedWithContent = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'applet',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'title',
  'xmp',
  'plaintext',
  'svg',
  'math',
  'select',
  'frameset',
]);

/** Restricted values of otherwise allowed attributes. */
const allowedValues: Record<string, ReadonlySet<string>> = {
  'input type': new Set(['checkbox', 'radio']),
  'button type': new Set(['button', 'submit']),
};

const markup =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  let out = '';
  let last = 0;
  markup.lastIndex = 0;
  for (let m = markup.exec(html); m; m = markup.exec(html)) {
    out += escapeStrayBrackets(html.slice(last, m.index));
    last = markup.lastIndex;
    const [, closing, opening, attrs] = m;
    if (closing !== undefined) {
      const tag = closing.toLowerCase();
      if (tagAttributes[tag] && !voidTags.has(tag)) out += `</${tag}>`;
    } else if (opening !== undefined) {
      const tag = opening.toLowerCase();
      if (droppedWithContent.has(tag)) {
        last = markup.lastIndex = endOfElement(html, tag, markup.lastIndex);
      } else if (tagAttributes[tag]) {
        out += openingTag(tag, parseAttributes(attrs ?? ''), options);
      }
    }
    // Comments, doctypes and processing instructions are dropped.
  }
  return out + escapeStrayBrackets(html.slice(last));
}

function escapeStrayBrackets(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function endOfElement(html: string, tag: string, from: number): number {
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  close.lastIndex = from;
  const found = close.exec(html);
  return found ? close.lastIndex : html.length;
}

function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  attribute.lastIndex = 0;
  for (let m = attribute.exec(text); m; m = attribute.exec(text)) {
    const name = m[1]!.toLowerCase();
    // The first occurrence wins, as in an HTML parser.
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function isAllowedAttribute(tag: string, name: string, value: string): boolean {
  if (!globalAttributes.has(name) && !tagAttributes[tag]!.includes(name) && !/^(aria|data)-[a-z0-9-]+$/.test(name))
    return false;
  const restricted = allowedValues[`${tag} ${name}`];
  if (restricted && !restricted.has(value.toLowerCase())) return false;
  if (tag === 'img' && name === 'src') return classifyUrl(value) !== 'forbidden';
  return true;
}

function openingTag(tag: string, attrs: Map<string, string>, options: SanitizeOptions): string {
  const kept = new Map<string, string>();
  for (const [name, value] of attrs) if (isAllowedAttribute(tag, name, value)) kept.set(name, value);
  // Without an allowed type an input would become a text field.
  if (tag === 'input' && !kept.has('type')) return '';
  const href = attrs.get('href');
  if (tag === 'a' && href !== undefined) {
    for (const [name, value] of Object.entries(options.link(href))) {
      const existing = kept.get(name);
      kept.set(name, name === 'class' && existing ? `${existing} ${value}` : value);
    }
  }
  let out = `<${tag}`;
  for (const [name, value] of kept) out += value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  return out + '>';
}
