// Identifiers only the VS Code client uses. Command ids are in src/common/commands.ts, shared with
// the server; the settings section and defaults in src/common/settings.ts.

export const CLAIMS_VIEW = 'consistency.claims';
export const OUTPUT_NAME = 'Consistency Checker';
