// The persistent, content-addressed cache shared by the CLI and the language server.
export { RecordLog, type RecordLogOptions } from './record-log';
export { modelFingerprint, sha256OfFile, type ModelFingerprint } from './model-fingerprint';
export { PersistentScoreCache } from './pair-cache';
export { FileResultCache, fileResultKey, settingsHash, SEGMENTATION_VERSION, type FileResult } from './file-results';
export { defaultCacheDir, CACHE_FILE_NAME, DEFAULT_CACHE_MAX_BYTES } from './location';
