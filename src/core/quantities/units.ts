// Units the quantity check understands, by dimension, with the factor to the dimension's base unit
// (seconds, bytes, bits, hertz, one for percentages). Matched case-sensitively where case carries
// meaning (MB vs mb is loose usage, but "m" alone is ambiguous and not listed; "s" counts only
// glued to a number, "30s").
export type Dimension = 'duration' | 'size' | 'bits' | 'frequency' | 'percent';

export interface Unit {
  dimension: Dimension;
  factor: number;
  /** Binary (power-of-two) size prefix: "MiB" (and the kernel's "4K" pages); loose "MB" usage is compared with a tolerance. */
  binary?: boolean;
  /** Only glued to the number ("30s", "4K"), never as a word of its own. */
  gluedOnly?: boolean;
}

const DURATION: Array<[string[], number]> = [
  [['ns', 'nsec', 'nsecs', 'nanosecond', 'nanoseconds'], 1e-9],
  [['us', 'µs', 'usec', 'usecs', 'microsecond', 'microseconds'], 1e-6],
  [['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'], 1e-3],
  [['sec', 'secs', 'second', 'seconds'], 1],
  [['min', 'mins', 'minute', 'minutes'], 60],
  // Not "h": glued to a number it is as often hexadecimal ("Family 15h", "30h-3Fh").
  [['hr', 'hrs', 'hour', 'hours'], 3600],
  [['day', 'days'], 86400],
  [['week', 'weeks'], 604800],
];

const SIZE: Array<[string[], number, boolean?]> = [
  [['B', 'byte', 'bytes'], 1],
  [['kB', 'KB', 'kilobyte', 'kilobytes'], 1e3],
  [['KiB', 'kibibyte', 'kibibytes'], 2 ** 10, true],
  [['MB', 'megabyte', 'megabytes'], 1e6],
  [['MiB', 'mebibyte', 'mebibytes'], 2 ** 20, true],
  [['GB', 'gigabyte', 'gigabytes'], 1e9],
  [['GiB', 'gibibyte', 'gibibytes'], 2 ** 30, true],
  [['TB', 'terabyte', 'terabytes'], 1e12],
  [['TiB', 'tebibyte', 'tebibytes'], 2 ** 40, true],
];

const BITS: Array<[string[], number]> = [
  [['bit', 'bits'], 1],
  [['kbit', 'kbits', 'Kbit', 'kilobit', 'kilobits'], 1e3],
  [['Mbit', 'Mbits', 'megabit', 'megabits'], 1e6],
  [['Gbit', 'Gbits', 'gigabit', 'gigabits'], 1e9],
];

const FREQUENCY: Array<[string[], number]> = [
  [['Hz', 'hz', 'hertz'], 1],
  [['kHz', 'KHz', 'khz'], 1e3],
  [['MHz', 'mhz'], 1e6],
  [['GHz', 'ghz'], 1e9],
];

export const UNITS = new Map<string, Unit>();
for (const [names, factor] of DURATION)
  for (const n of names) UNITS.set(n, { dimension: 'duration', factor, gluedOnly: n === 'us' });
UNITS.set('s', { dimension: 'duration', factor: 1, gluedOnly: true });
for (const [names, factor, binary] of SIZE)
  for (const n of names) UNITS.set(n, { dimension: 'size', factor, binary, gluedOnly: n === 'B' });
// "4K", "64k" of memory (the kernel's usage: binary); "4M", "2G" likewise, glued only.
UNITS.set('K', { dimension: 'size', factor: 2 ** 10, binary: true, gluedOnly: true });
UNITS.set('k', { dimension: 'size', factor: 2 ** 10, binary: true, gluedOnly: true });
UNITS.set('M', { dimension: 'size', factor: 2 ** 20, binary: true, gluedOnly: true });
UNITS.set('G', { dimension: 'size', factor: 2 ** 30, binary: true, gluedOnly: true });
for (const [names, factor] of BITS) for (const n of names) UNITS.set(n, { dimension: 'bits', factor });
for (const [names, factor] of FREQUENCY) for (const n of names) UNITS.set(n, { dimension: 'frequency', factor });
for (const n of ['%', 'percent', 'per cent', 'percentage']) UNITS.set(n, { dimension: 'percent', factor: 1 });

/** Lower-case unit words that are also safe to match case-insensitively ("Seconds", "MINUTES"). */
export function unitOf(word: string, glued: boolean): Unit | undefined {
  const unit = UNITS.get(word) ?? (word.length > 3 ? UNITS.get(word.toLowerCase()) : undefined);
  if (!unit) return undefined;
  if (unit.gluedOnly && !glued) return undefined;
  return unit;
}

/** Words of rates: "per second", "/s", "a minute". */
export const RATE_UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  ms: 1e-3,
  millisecond: 1e-3,
  min: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  day: 86400,
};
