export const HERO_NAMES: string[];
export function hero(name: string): string;
