const EURO = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

export function euro(amount: number): string {
  return EURO.format(amount);
}
