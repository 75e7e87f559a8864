/** Splitting CSV records (RFC 4180 quoting: "a ""quoted"" field", delimiters inside quotes). */

export function splitCsvRecord(record: string, delimiter: string): string[] {
  if (!record.includes('"')) return record.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (record[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** True while a record's quotes are unbalanced: the record continues on the next line. */
export function insideQuotes(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 1;
}

const CANDIDATES = [',', ';', '\t'] as const;

/** The delimiter that splits the header into the most fields (outside quotes); ',' on a tie. */
export function detectDelimiter(header: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = splitCsvRecord(header, candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}
