// `npm run test:reliability` / `npm run soak`: runs the reliability suite (test/reliability) with a
// fixed seed, then prints what it tried (random inputs, edits, faults), what went wrong (crashes,
// hangs, lost writes, other broken properties) and a last line `reliability: N passed, M failed`.
//   --soak            ten times the inputs and edits (RELIABILITY_SCALE=10), on demand
//   --scale N         any multiplier; --seed N: another seed (the default is fixed, for CI)
//   --grep TEXT       only the tests whose title matches
// Expects dist/ to be built (the npm scripts build first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = args.includes('--soak') ? '10' : (option('--scale') ?? process.env.RELIABILITY_SCALE ?? '1');
const seed = option('--seed') ?? process.env.RELIABILITY_SEED;
const grep = option('--grep');

const dir = mkdtempSync(join(tmpdir(), 'cc-reliability-'));
const figuresFile = join(dir, 'figures.json');
const env = { ...process.env, RELIABILITY_SCALE: scale, RELIABILITY_FIGURES: figuresFile };
if (seed) env.RELIABILITY_SEED = seed;
const mochaArgs = ['node_modules/mocha/bin/mocha.js', '--config', 'test/reliability/mocharc.json'];
if (grep) mochaArgs.push('--grep', grep);
const started = Date.now();
const run = spawnSync(process.execPath, mochaArgs, { stdio: 'inherit', env });

let figures;
try {
  figures = JSON.parse(readFileSync(figuresFile, 'utf8'));
} catch {
  figures = undefined;
}
rmSync(dir, { recursive: true, force: true });

const minutes = ((Date.now() - started) / 60000).toFixed(1);
if (!figures) {
  console.log(`\nreliability: no figures were written (mocha exited with ${run.status ?? run.signal})`);
  console.log('reliability: 0 passed, 1 failed');
  process.exit(1);
}
const tried = figures.inputs + figures.edits + figures.faults;
const problems = figures.crashes + figures.hangs + figures.lostWrites + figures.failures;
const mochaFailed = run.status === 0 ? 0 : Math.max(1, run.status ?? 1);
const failed = Math.max(problems, mochaFailed);

console.log(`\nReliability figures (seed ${figures.seed}, scale ${figures.scale}, ${minutes} min)`);
console.log(`  tried:    ${figures.inputs} random inputs, ${figures.edits} edits, ${figures.faults} faults`);
console.log(
  `  problems: ${figures.crashes} crashes, ${figures.hangs} hangs, ${figures.lostWrites} lost writes, ${figures.failures} other failures`,
);
console.log('  by area:');
for (const [area, counts] of Object.entries(figures.areas).sort()) {
  console.log(
    `    ${area.padEnd(28)} ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}
if (Object.keys(figures.measures).length > 0) {
  console.log('  measures:');
  for (const [name, value] of Object.entries(figures.measures))
    if (!/^segment /.test(name) || Number(value) > 1000) console.log(`    ${name}: ${value}`);
}
for (const p of figures.problems) console.log(`  ! ${p.area} ${p.kind}: ${p.detail}`);
console.log(`reliability: ${Math.max(0, tried - problems)} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
