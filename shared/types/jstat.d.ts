// jstat ships no types. Only what shared/experiments/stats.ts uses is declared; add more
// here when a new function is needed.
declare module 'jstat' {
  interface JStat {
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    chisquare: { cdf(x: number, dof: number): number };
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    /** ln B(x, y), the log of the Beta function. */
    betaln(x: number, y: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
