export interface Outbox {
  /** The page that shows the mails. */
  url: string;
  /** Where the edge's "outbox" webhook points. */
  hookUrl: string;
  /** The webhook's signing secret (`whsec_…`); messages verify against it. */
  setSecret(secret: string): void;
  /** Verified message bodies, newest first, each with its `webhookId`. */
  messages(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/** The demo's local mail outbox: verifies Standard Webhooks signatures and shows each message as a mail. */
export function startOutbox(options: { shopBase: string; port?: number; log?: (line: string) => void }): Promise<Outbox>;

/** One message as the HTML of the mail a customer would read (all text escaped). */
export function renderMail(message: Record<string, unknown>, shopBase: string): string;
