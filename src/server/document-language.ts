// The format an open document is read in. Editors send a languageId, but some send the wrong one:
// Eglot with one server entry for several modes says "markdown" for a .tex file. A file extension
// that names a format (.md, .tex, .rst, .adoc) therefore wins over a languageId that contradicts
// it; `.txt` and files without a known extension follow the languageId (a user may read a .txt as
// Markdown on purpose). Content sniffing (effectiveLanguage) comes after this, in the callers.
import { URI } from 'vscode-uri';
import { languageForPath, normalizeLanguageId, type LanguageId } from '../core/segment';

export function declaredLanguage(languageId: string, uri: string): LanguageId | undefined {
  const byExtension = languageForPath(URI.parse(uri).path);
  const byId = normalizeLanguageId(languageId);
  if (byExtension && byExtension !== 'plaintext') return byExtension;
  return byId ?? byExtension;
}
