// The alt text of an inline HTML image tag (<img src="logo.svg" alt="Project logo">), which a
// reader is shown instead of the image, as Markdown's own ![alt](src) is read.

const IMG_ALT = /^<img\b(?:[^>"']|"[^"]*"|'[^']*')*?\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/** Offsets [start, end) of the alt value inside tag (relative to the tag), or null when there is none. */
export function imageAltRange(tag: string): [number, number] | null {
  const m = IMG_ALT.exec(tag);
  if (!m) return null;
  const value = m[1] ?? m[2];
  const end = m[0].length - 1;
  return value.trim() === '' ? null : [end - value.length, end];
}
