/** Refs of stored facts in case files and ledger entries. */
export const ref = {
  outage: (id: number) => `O-${id}`,
  maintenance: (id: number) => `M-${id}`,
  forceMajeure: (id: number) => `F-${id}`,
  bug: (id: number) => `B-${id}`,
  breach: (id: number) => `BR-${id}`,
};
