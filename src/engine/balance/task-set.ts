// A set of task numbers as a bitset, walked in increasing order: the available tasks of the exact searches.
export class TaskSet {
  readonly bits: Uint32Array;
  size = 0;
  constructor(n: number) {
    this.bits = new Uint32Array((n + 31) >>> 5);
  }
  clear(): void {
    this.bits.fill(0);
    this.size = 0;
  }
  add(j: number): void {
    this.bits[j >>> 5]! |= 1 << (j & 31);
    this.size++;
  }
  delete(j: number): void {
    this.bits[j >>> 5]! &= ~(1 << (j & 31));
    this.size--;
  }
  /** The smallest member above j (j = −1 for the first), or −1. */
  next(j: number): number {
    const b = this.bits;
    const from = j + 1;
    let w = from >>> 5;
    if (w >= b.length) return -1;
    let x = b[w]! & (-1 << (from & 31));
    for (;;) {
      if (x !== 0) return (w << 5) + 31 - Math.clz32(x & -x);
      if (++w >= b.length) return -1;
      x = b[w]!;
    }
  }
}
