/** Where a relative link in a lesson leads. */
export type LinkTarget =
  /** Another lesson (or the same one), optionally at a heading. */
  | { lesson: string; anchor?: string }
  /** A file of a lesson folder, relative to the lessons root: "06-leader-election/starter.ts". */
  | { file: string };

/**
 * Resolves links the way they work when the markdown is read on disk, relative to
 * `lessons/<current>/`: "../20-two-phase-commit/lesson.md#blocking" opens that lesson at that
 * heading, "starter.ts" names a file of the current lesson. Links that leave the lessons root,
 * name a folder that is not a lesson, or a file `hasFile` does not know, resolve to nothing.
 */
export function lessonLinkResolver(
  current: string,
  lessons: readonly string[],
  hasFile: (path: string) => boolean = () => true,
): (href: string) => LinkTarget | undefined {
  const known = new Set(lessons);
  return (href) => {
    const hash = href.indexOf('#');
    const path = hash < 0 ? href : href.slice(0, hash);
    const anchor = hash < 0 ? '' : decode(href.slice(hash + 1));
    if (path.startsWith('/') || path === '') return undefined;
    const segments = [current];
    for (const part of decode(path.split('?')[0]!).split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (segments.pop() === undefined) return undefined;
      } else segments.push(part);
    }
    const [lesson, ...rest] = segments;
    if (lesson === undefined || !known.has(lesson)) return undefined;
    if (rest.length === 0 || (rest.length === 1 && /^lesson(\.[\w-]+)?\.md$/.test(rest[0]!))) {
      return anchor === '' ? { lesson } : { lesson, anchor };
    }
    const file = segments.join('/');
    return hasFile(file) ? { file } : undefined;
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
