import { decodeEntities } from './escape';

/** How the lesson view treats a link target. */
export type UrlKind = 'fragment' | 'external' | 'relative' | 'forbidden';

const externalSchemes = new Set(['http', 'https', 'mailto']);

/**
 * Classifies a URL as written in the lesson (possibly entity-encoded). Browsers ignore control
 * characters and whitespace inside a scheme, so they are removed before the scheme is read;
 * every scheme but http, https and mailto is forbidden (javascript:, data:, command:, file:...).
 */
export function classifyUrl(raw: string): UrlKind {
  // eslint-disable-next-line no-control-regex -- the control characters are what it strips
  const url = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (url.startsWith('#')) return 'fragment';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) return externalSchemes.has(scheme[1]!.toLowerCase()) ? 'external' : 'forbidden';
  // "//host/path" (browsers read backslashes as slashes) names a remote host without a scheme.
  if (/^[\\/]{2}/.test(url)) return 'forbidden';
  return 'relative';
}
