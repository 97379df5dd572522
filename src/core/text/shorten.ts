// One-line abbreviations of sentences for labels and messages: whitespace collapsed, cut at a
// word boundary when there is one near the limit, with an ellipsis that counts toward `max`.

export function shortenText(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const room = one.slice(0, max - 1);
  // A word that ends exactly at the room's end is whole.
  const space = one[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  // A boundary in the last third keeps whole words; a long word is cut where the room ends.
  const cut = space >= Math.floor((max * 2) / 3) ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.]+$/, '')}…`;
}
