/**
 * GitHub-style heading ids, so `#anchors` written for GitHub work here too: lower case; letters of
 * any script, digits, `_` and `-` kept; each space a hyphen; a numeric suffix for repeats. Ids
 * depend only on the headings before them, so they stay stable while a lesson is edited further
 * down. Slugs never contain a dot; ids the renderer makes for its own elements do, so the two
 * cannot collide.
 */
export class Slugger {
  private readonly used = new Set<string>();

  slug(text: string): string {
    const base =
      text
        .normalize('NFKC')
        .toLowerCase()
        .trim()
        .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-') || 'section';
    let id = base;
    for (let n = 1; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
