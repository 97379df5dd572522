// Sizes for people: decimal units (1 MB = 1,000,000 bytes), as download sizes and the
// `maxFileSize` default (2,000,000 bytes, "2.0 MB") are given.
export function formatBytes(bytes: number): string {
  return bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${bytes} B`;
}
