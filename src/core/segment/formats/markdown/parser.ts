// Loads the Markdown parser (micromark + mdast, with GFM, front matter and math).
//
// These packages are ES modules only, while this project compiles as CommonJS (tsconfig
// "module": "Node16" without "type": "module"). TypeScript refuses a static `import` of an ES
// module from CommonJS, so the types come from type-only imports (allowed with
// resolution-mode "import") and the code from `require`, which both runtimes we use resolve:
// esbuild bundles the ES modules into the CJS bundle, and Node >= 20.19 (with tsx in tests)
// can `require` ES modules that have no top-level await.

import type { fromMarkdown as FromMarkdown, Options } from 'mdast-util-from-markdown' with { 'resolution-mode': 'import' };
import type { Root } from 'mdast' with { 'resolution-mode': 'import' };

type Loaded = { parse: (text: string) => Root };

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { fromMarkdown } = require('mdast-util-from-markdown') as { fromMarkdown: typeof FromMarkdown };
  const { gfm } = require('micromark-extension-gfm');
  const { gfmFromMarkdown } = require('mdast-util-gfm');
  const { frontmatter } = require('micromark-extension-frontmatter');
  const { frontmatterFromMarkdown } = require('mdast-util-frontmatter');
  const { math } = require('micromark-extension-math');
  const { mathFromMarkdown } = require('mdast-util-math');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const options: Options = {
    extensions: [gfm(), frontmatter(['yaml', 'toml']), math()],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']), mathFromMarkdown()],
  };
  loaded = { parse: (text) => fromMarkdown(text, options) };
  return loaded;
}

/** Parses Markdown into an mdast tree whose nodes carry source offsets. */
export function parseMarkdown(text: string): Root {
  return load().parse(text);
}
