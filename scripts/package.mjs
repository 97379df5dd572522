#!/usr/bin/env node
// `npm run package [-- --target <vsce target>] [--with-model <id> [--model-dir DIR]]`: builds and
// packages a platform-specific .vsix with @vscode/vsce. The extension ships onnxruntime-node's
// native binary, so each .vsix holds the binary of one platform only (default: this machine's).
// --with-model bundles a converted catalog model in models/<id>/ (from DIR, default the user cache
// that `consistency-check model pull <id>` fills), for air-gapped machines.
// Writes consistency-checker-<version>-<target>.vsix at the repository root and prints its size.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const targetArg =
  args.find((a) => a.startsWith('--target='))?.slice(9) ??
  (args.includes('--target') ? args[args.indexOf('--target') + 1] : undefined);
const target = targetArg ?? `${process.platform}-${process.arch}`;
// vsce target -> onnxruntime-node's bin/napi-v6/<platform>/<arch>
const ORT = {
  'linux-x64': 'linux/x64',
  'linux-arm64': 'linux/arm64',
  'darwin-arm64': 'darwin/arm64',
  'win32-x64': 'win32/x64',
  'win32-arm64': 'win32/arm64',
};
if (!ORT[target]) {
  console.error(`unsupported target ${target}; onnxruntime-node ships binaries for ${Object.keys(ORT).join(', ')}`);
  process.exit(2);
}
const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const optionValue = (name) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ??
  (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const withModel = optionValue('with-model');

if (!args.includes('--skip-build')) run('npm', ['run', 'build', '--silent']);

// Only what the engine loads goes into the package: configs, tokenizer and one ONNX graph.
let bundledModel;
if (withModel) {
  const cache = process.env.XDG_CACHE_HOME
    ? path.join(process.env.XDG_CACHE_HOME, 'consistency-checker', 'models')
    : path.join(os.homedir(), '.cache', 'consistency-checker', 'models');
  const source = path.resolve(optionValue('model-dir') ?? path.join(cache, withModel));
  const onnx = ['onnx/model_quantized.onnx', 'onnx/model.onnx'].find((f) => fs.existsSync(path.join(source, f)));
  if (
    !onnx ||
    !fs.existsSync(path.join(source, 'config.json')) ||
    !fs.existsSync(path.join(source, 'tokenizer.json'))
  ) {
    console.error(`${source} is not a converted model folder; run: consistency-check model pull ${withModel}`);
    process.exit(2);
  }
  bundledModel = path.join(repo, 'models', withModel);
  fs.rmSync(bundledModel, { recursive: true, force: true });
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnx]) {
    if (!fs.existsSync(path.join(source, file))) continue;
    fs.mkdirSync(path.dirname(path.join(bundledModel, file)), { recursive: true });
    fs.copyFileSync(path.join(source, file), path.join(bundledModel, file));
  }
}
const binDir = path.join(repo, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', ...ORT[target].split('/'));
if (!fs.existsSync(binDir)) {
  console.error(`${path.relative(repo, binDir)} is missing: npm install`);
  process.exit(1);
}
const ignore = fs
  .readFileSync(path.join(repo, '.vscodeignore'), 'utf8')
  .replace(
    '!node_modules/onnxruntime-node/bin/napi-v6/linux/x64/**',
    `!node_modules/onnxruntime-node/bin/napi-v6/${ORT[target]}/**`,
  );
const ignoreFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vsce-')), '.vscodeignore');
fs.writeFileSync(ignoreFile, ignore);
const { version, name } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const out = path.join(repo, `${name}-${version}-${target}.vsix`);
const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
const vsceArgs = [
  'package',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '--target',
  target,
  '--ignoreFile',
  ignoreFile,
  '--out',
  out,
];
if (!fs.existsSync(path.join(repo, 'LICENSE')) && !fs.existsSync(path.join(repo, 'LICENSE.md')))
  vsceArgs.push('--skip-license');
try {
  run(process.execPath, [vsce, ...vsceArgs]);
} finally {
  fs.rmSync(path.dirname(ignoreFile), { recursive: true, force: true });
  if (bundledModel) fs.rmSync(bundledModel, { recursive: true, force: true });
}
console.log(`${path.relative(repo, out)}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MiB`);
