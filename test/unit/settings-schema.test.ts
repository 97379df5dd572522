// One settings schema (src/common/settings.ts) for the server, the CLI and package.json: every key declared in contributes.configuration with the same type, default, bounds,
// enum and scope, and the server's normalisation holding values to those bounds.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, SETTINGS_SECTION } from '../../src/common/settings';
import { normalizeSettings } from '../../src/server/settings';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const declared: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;
/** Client-only settings (vscode-languageclient reads them itself). */
const CLIENT_ONLY = ['consistency.trace.server'];

describe('settings schema (src/common/settings.ts) against package.json', () => {
  it('declares every schema key in package.json and nothing the schema lacks', () => {
    const fromSchema = Object.keys(SETTINGS_SCHEMA)
      .map((k) => `${SETTINGS_SECTION}.${k}`)
      .sort();
    const fromPackage = Object.keys(declared)
      .filter((k) => !CLIENT_ONLY.includes(k))
      .sort();
    assert.deepEqual(fromPackage, fromSchema);
  });

  for (const [key, spec] of Object.entries(SETTINGS_SCHEMA)) {
    it(`consistency.${key}: same type, default, bounds, enum and scope`, () => {
      const entry = declared[`${SETTINGS_SECTION}.${key}`];
      const type = 'nullable' in spec && spec.nullable ? [spec.type, 'null'] : spec.type;
      assert.deepEqual(entry.type, type);
      assert.deepEqual(entry.default ?? null, spec.default);
      assert.equal(entry.scope, spec.scope);
      assert.equal(entry.minimum, 'minimum' in spec ? spec.minimum : undefined);
      assert.equal(entry.maximum, 'maximum' in spec ? spec.maximum : undefined);
      assert.deepEqual(entry.enum, 'enum' in spec ? spec.enum : undefined);
    });
  }

  it('normalises to the defaults, and a value out of bounds falls back to its default', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    const s = normalizeSettings({
      debounceMs: 20_000,
      threads: 65,
      maxProblems: 0,
      threshold: 1.5,
      pairing: 'all',
      pinCodeAction: 'no',
    });
    assert.deepEqual(
      [s.debounceMs, s.threads, s.maxProblems, s.threshold, s.pairing, s.pinCodeAction],
      [
        DEFAULT_SETTINGS.debounceMs,
        DEFAULT_SETTINGS.threads,
        DEFAULT_SETTINGS.maxProblems,
        DEFAULT_SETTINGS.threshold,
        'smart',
        true,
      ],
    );
    const t = normalizeSettings({ debounceMs: 10_000, threads: 64, pairing: 'exhaustive', errorThreshold: null });
    assert.deepEqual([t.debounceMs, t.threads, t.pairing, t.errorThreshold], [10_000, 64, 'exhaustive', null]);
  });

  it('gives the CLI its defaults from the schema, without the LSP protocol module', () => {
    for (const file of ['src/cli/check-inputs.ts', 'src/cli/verdict-options.ts']) {
      const text = readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
      assert.match(text, /from '\.\.\/common\/settings'/, file);
      assert.doesNotMatch(text, /from '\.\.\/common\/protocol'/, file);
    }
  });
});
