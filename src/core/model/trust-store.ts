// "Trust on first use" records: for catalog files whose SHA-256 the catalog does not know, the
// hash (and size) of the first completed download is recorded in the user's cache, and every
// later download or verification must match it. The Hub commit a branch resolved to on that first
// download is recorded too, so later downloads fetch exactly the same revision.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write';

export const TRUST_FILE_NAME = 'trusted-files.json';

export interface TrustedFile {
  sha256: string;
  size: number;
  recordedAt: string;
}

interface RepositoryRecord {
  commit?: string;
  files: Record<string, TrustedFile>;
}

interface TrustFile {
  version: 1;
  repositories: Record<string, RepositoryRecord>;
}

export class TrustStore {
  private constructor(
    readonly path: string,
    private readonly data: TrustFile,
  ) {}

  /** Loads `<cacheRoot>/trusted-files.json` (empty when absent). */
  static load(cacheRoot: string): TrustStore {
    const path = join(cacheRoot, TRUST_FILE_NAME);
    let data: TrustFile = { version: 1, repositories: {} };
    if (existsSync(path)) {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<TrustFile>;
      if (parsed.version !== 1 || typeof parsed.repositories !== 'object' || parsed.repositories === null) {
        throw new Error(`${path}: unrecognised trust record file; delete it to start over`);
      }
      data = parsed as TrustFile;
    }
    return new TrustStore(path, data);
  }

  file(repository: string, revision: string, path: string): TrustedFile | undefined {
    return this.data.repositories[key(repository, revision)]?.files[path];
  }

  commit(repository: string, revision: string): string | undefined {
    return this.data.repositories[key(repository, revision)]?.commit;
  }

  async recordFile(
    repository: string,
    revision: string,
    path: string,
    file: Omit<TrustedFile, 'recordedAt'>,
  ): Promise<void> {
    this.repository(repository, revision).files[path] = { ...file, recordedAt: new Date().toISOString() };
    await this.save();
  }

  async recordCommit(repository: string, revision: string, commit: string): Promise<void> {
    this.repository(repository, revision).commit = commit;
    await this.save();
  }

  private repository(repository: string, revision: string): RepositoryRecord {
    const k = key(repository, revision);
    return (this.data.repositories[k] ??= { files: {} });
  }

  private async save(): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, JSON.stringify(this.data, null, 2) + '\n');
  }
}

function key(repository: string, revision: string): string {
  return `${repository}@${revision}`;
}
