export interface DemoCustomer {
  id: string;
  name: string;
  email: string;
  phone: string;
  persona: { id: string; name: string };
  /** The customer's RFM segment in the builder's output. */
  segment: string;
}

/** One customer per builder persona: the highest-CLV member of the persona's most common RFM cell. */
export function pickDemoCustomers(customersNdjson: string, personas: readonly { id: string; name: string }[]): DemoCustomer[];
