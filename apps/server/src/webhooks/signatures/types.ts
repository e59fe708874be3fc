/** What a signature check reads of one delivery. */
export interface SignedDelivery {
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The body exactly as received: every scheme signs bytes, never a re-serialised value. */
  raw: Buffer;
  /** The URL as the sender requested it (Twilio signs it). */
  url: string;
}

/**
 * A check's answer. `deliveryId` names the delivery where the scheme has such a name: one seen
 * again is a replay (or the sender's retry) and is answered as a duplicate, never run twice.
 */
export type Verdict = { ok: true; deliveryId?: string } | { ok: false };

export const REFUSED: Verdict = { ok: false };

export function accepted(deliveryId?: string): Verdict {
  return deliveryId === undefined || deliveryId === '' ? { ok: true } : { ok: true, deliveryId };
}
