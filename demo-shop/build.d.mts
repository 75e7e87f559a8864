export interface ShopBuild {
  /** Where the shop was written (dist/public unless `outDir` was given). */
  outDir: string;
  /** Page files written, e.g. `index.html`. */
  pages: string[];
  /** Products in the catalog (one image each). */
  products: number;
}

/**
 * Builds the demo shop (pages, stylesheet, script bundle, images) into `outDir`.
 * `endpoint`: the edge's origin, for a shop served from another origin than the edge.
 * `shopServer`: the shop's own server (sign-in, codes at checkout), when one runs.
 */
export function buildShop(options?: { outDir?: string; endpoint?: string; shopServer?: string }): Promise<ShopBuild>;
