/** Builds the studio (page, stylesheet, one ES module bundle) into `outDir` (default dist/public/studio). */
export function buildStudio(options?: { outDir?: string }): Promise<{ bytes: number; gzip: number }>;
