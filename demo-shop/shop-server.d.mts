import type { DemoCustomer } from './demo-customers.mjs';

export interface ShopServer {
  url: string;
  /** Sets a fresh identity secret and issues the server key at the edge (admin token, server side). */
  provision(adminToken: string): Promise<void>;
  stop(): Promise<void>;
}

/** The demo shop's own server: signed identify for demo customers and code redemption with a server key. */
export function startShopServer(options: {
  edge: string;
  site?: string;
  origins: string[];
  customers: DemoCustomer[];
  port?: number;
  log?: (line: string) => void;
}): Promise<ShopServer>;

/** Lowercase hex HMAC-SHA256 of `${site}:${customerId}:${expires}` (signature v2). */
export function signIdentity(secret: string, site: string, customerId: string, expires: number): string;
