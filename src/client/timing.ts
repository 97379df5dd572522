// Imported first by extension.ts: when the extension's bundle started to evaluate (wall clock and
// CPU), so the logged activation time includes loading the module, not only activate().
export const moduleStart = performance.now();
export const moduleCpuStart = process.cpuUsage();
