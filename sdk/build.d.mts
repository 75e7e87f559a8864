/** What `buildSdk()` wrote as dist/public/sdk-manifest.json: the versioned main bundle. */
export interface SdkManifest {
  /** `sdk-<contenthash8>.js`, the never-changing URL of this build. */
  file: string;
  /** Minified size in bytes. */
  bytes: number;
  /** Gzipped (level 9) size in bytes. */
  gzip: number;
}

/** Builds the SDK bundles into dist/public and the ESM package into dist/sdk. */
export function buildSdk(): Promise<SdkManifest>;

/** The lazily loaded bundles, each served as `/sdk-<name>.js`. */
export const LAZY: readonly string[];
