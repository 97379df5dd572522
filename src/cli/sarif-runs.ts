// SARIF across CI shards: each shard's run names its own automation id (GitHub code scanning keeps
// one analysis per category, so N uploads without distinct ids would replace each other), and
// `merge-sarif` joins the shards' reports into one.
interface SarifLog {
  version: string;
  $schema?: string;
  runs: SarifRun[];
}
interface SarifRun {
  tool: { driver: { name: string; rules?: Array<{ id: string }> } & Record<string, unknown> };
  results?: unknown[];
  automationDetails?: { id?: string };
  [key: string]: unknown;
}

/** The SARIF log formatSarif writes (sarifReport), with runAutomationDetails.id on every run. */
export function withAutomationId<T extends { runs: object[] }>(log: T, id: string): T {
  for (const run of log.runs) (run as SarifRun).automationDetails = { id };
  return log;
}

/**
 * One SARIF log from several: runs of the same tool become one run (results concatenated, rules
 * united by id), with the given automation id; runs of other tools are kept as they are.
 */
export function mergeSarif(logs: SarifLog[], id: string): SarifLog {
  const merged: SarifRun[] = [];
  for (const log of logs) {
    if (log.version !== '2.1.0' || !Array.isArray(log.runs)) throw new Error('not a SARIF 2.1.0 log');
    for (const run of log.runs) {
      const same = merged.find((m) => m.tool.driver.name === run.tool.driver.name);
      if (!same) {
        merged.push({
          ...run,
          results: [...(run.results ?? [])],
          tool: { ...run.tool, driver: { ...run.tool.driver, rules: [...(run.tool.driver.rules ?? [])] } },
        });
        continue;
      }
      same.results!.push(...(run.results ?? []));
      for (const rule of run.tool.driver.rules ?? []) {
        if (!same.tool.driver.rules!.some((r) => r.id === rule.id)) same.tool.driver.rules!.push(rule);
      }
    }
  }
  for (const run of merged) run.automationDetails = { id };
  return {
    $schema: logs[0]?.$schema ?? 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: merged,
  };
}

export function isSarifLog(value: unknown): value is SarifLog {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SarifLog).version === '2.1.0' &&
    Array.isArray((value as SarifLog).runs)
  );
}

export type { SarifLog };
