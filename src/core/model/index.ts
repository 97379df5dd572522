// Public API of the model module: catalog, resolution, download, conversion, verification and
// evaluation. Pure logic (no editor APIs); the CLI and the extension import from here.
export {
  bundledModelCatalog,
  parseCatalog,
  findCatalogEntry,
  requireCatalogEntry,
  catalogLabelOrder,
  CatalogError,
} from './catalog';
export { writeCanonicalLabels, downloadedCopyPath, ORIGINAL_CONFIG_FILE } from './label-config';
export type { Catalog, CatalogEntry, CatalogFile, CatalogFormat, CatalogAccuracy } from './catalog';
export { defaultModelCacheDir } from './cache-dir';
export { resolveModel, isModelFolderReady, ModelNotFoundError } from './resolve';
export type { ModelResolution, ModelSource, ResolveOptions } from './resolve';
export { downloadFile, hubEndpoint, hubFileUrl, sha256File, DownloadError, DEFAULT_HUB_ENDPOINT } from './download';
export type { DownloadTarget, DownloadOptions, DownloadResult, DownloadErrorCode } from './download';
export { pullModel } from './pull';
export { proxyFromEditorSettings, proxyFromEnvironment } from './proxy';
export type { ProxyConfig } from './proxy';
export type { PullOptions, PullProgress, PullResult } from './pull';
export { TrustStore } from './trust-store';
export { convertBertModel, CONVERTER_VERSION, FP32_MODEL_FILE, INT8_MODEL_FILE } from './convert/convert-bert';
export type { ConvertOptions, ConvertResult } from './convert/convert-bert';
export { UnsupportedModelError } from './convert/bert-config';
export { PickleRefusedError, isPickleFile } from './weight-files';
export { inspectOnnxFile, isQuantized } from './onnx/inspect';
export type { OnnxSummary } from './onnx/inspect';
export { verifyModelFolder } from './verify';
export type { VerifyCheck, VerifyOptions } from './verify';
export {
  parseLabelledPairs,
  evaluatePredictions,
  topLabel,
  EvalDataError,
  contradictionMetrics,
  thresholdSweep,
  SWEEP_THRESHOLDS,
} from './evaluate';
export type { LabelledPair, EvalReport, LabelMetrics, ContradictionMetrics, SweepRow } from './evaluate';
