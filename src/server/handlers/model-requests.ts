// Downloading a catalog model on the user's request (progress in MB, cancellable), through the
// editor's proxy, then loading it.
import {
  bundledModelCatalog,
  proxyFromEditorSettings,
  pullModel,
  requireCatalogEntry,
  type ProxyConfig,
} from '../../core/model';
import { DownloadModelRequest } from '../../common/protocol';
import * as valid from '../request-params';
import type { ServerContext } from '../server-context';
import { modelRequest } from '../model-host';

export function registerModelRequests(ctx: ServerContext): void {
  const { connection, model } = ctx;

  connection.onRequest(DownloadModelRequest, async (raw, token) => {
    const params = valid.downloadModelParams(raw);
    const entry = requireCatalogEntry(bundledModelCatalog(), params.id);
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const reporter =
      params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    reporter?.begin(`Downloading ${entry.id}`, 0, undefined, true);
    try {
      const result = await pullModel({
        entry,
        cacheRoot: ctx.modelCacheDir(),
        signal: controller.signal,
        download: { proxy: await downloadProxy() },
        onProgress: (p) => {
          const mb = (n: number) => (n / 1e6).toFixed(1);
          const percent = p.total ? Math.round((p.bytes / p.total) * 100) : undefined;
          reporter?.report(
            percent ?? 0,
            `${p.file} (${p.index}/${p.count}): ${mb(p.bytes)}${p.total ? ` of ${mb(p.total)}` : ''} MB`,
          );
        },
        onStatus: (message) => reporter?.report(message),
      });
      await model.reload(modelRequest(ctx.settings()));
      return { dir: result.dir };
    } finally {
      reporter?.done();
    }
  });

  /**
   * The proxy for model downloads: the editor's http.proxy / http.proxyStrictSSL as they are now
   * (asked at download time, so a changed setting needs no restart), else as passed at start,
   * else HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
   */
  const downloadProxy = async (): Promise<ProxyConfig> => {
    let current: { proxy?: unknown; proxyStrictSSL?: unknown } | undefined;
    if (ctx.client().configuration) {
      try {
        [current] = await connection.workspace.getConfiguration([{ section: 'http' }]);
      } catch {
        current = undefined;
      }
    }
    // VS Code always answers with its http.proxy (default ""); other clients answer null or
    // something without it, and then what the client passed at start applies.
    const fresh = current && typeof current === 'object' && 'proxy' in current ? current : undefined;
    return proxyFromEditorSettings(fresh ?? ctx.initOptions().http);
  };
}
