// The demo's sign-in list: one real customer of the order history per builder persona,
// with a made-up name, email and phone (the history has ids only). Each is the most
// valuable member (highest predicted CLV) of the persona's most common RFM cell, so the
// list shows a typical member of each group — and, with the demo data, an at-risk one.

const PEOPLE = [
  ['Anna', 'de Wit'],
  ['Bram', 'Jansen'],
  ['Chloé', 'Bakker'],
  ['Daan', 'Visser'],
  ['Eva', 'Smit'],
];

/** Lowercase ASCII for an email's local part ("Chloé de Wit" → "chloe.dewit"). */
const mailbox = (first, last) =>
  `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '').toLowerCase();

/**
 * `customersNdjson`: the builder's customers.ndjson; `personas`: its personas, in order.
 * Answers `{id, name, email, phone, persona: {id, name}, segment}` per persona that has members.
 */
export function pickDemoCustomers(customersNdjson, personas) {
  const byPersona = new Map();
  for (const line of customersNdjson.split('\n')) {
    if (!line.trim()) continue;
    const customer = JSON.parse(line);
    if (!byPersona.has(customer.persona)) byPersona.set(customer.persona, []);
    byPersona.get(customer.persona).push(customer);
  }
  return personas.flatMap((persona, i) => {
    const members = byPersona.get(persona.id) ?? [];
    if (members.length === 0) return [];
    const cells = new Map();
    for (const m of members) cells.set(m.segment, (cells.get(m.segment) ?? 0) + 1);
    const cell = [...cells].sort((a, b) => b[1] - a[1])[0][0];
    const pick = members.filter((m) => m.segment === cell).reduce((best, m) => (m.clv > best.clv ? m : best));
    const [first, last] = PEOPLE[i % PEOPLE.length];
    return [
      {
        id: pick.customer_id,
        name: `${first} ${last}`,
        email: `${mailbox(first, last)}@example.com`,
        phone: `+31 6 1234 56${String(10 + i).padStart(2, '0')}`,
        persona: { id: persona.id, name: persona.name },
        segment: pick.segment,
      },
    ];
  });
}
