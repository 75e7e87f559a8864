/** A JSON path into what was checked: `['segments', 3, 'when', 'rfm.segment']`. */
export type Path = (string | number)[];

/** One problem at a path: what every 4xx lists and every CLI message prints. */
export interface Issue {
  path: Path;
  message: string;
}
