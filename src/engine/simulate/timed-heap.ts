// A binary min-heap of timed events held in typed arrays (no object per event): the line simulator's calendar. Ties keep insertion order.

export class TimedHeap {
  private time = new Float64Array(256);
  private order = new Float64Array(256);
  private kind = new Int32Array(256);
  private stage = new Int32Array(256);
  private token = new Int32Array(256);
  private qty = new Int32Array(256);
  private n = 0;
  private counter = 0;
  /** The event last popped. */
  t = 0;
  k = 0;
  s = 0;
  tok = 0;
  q = 0;

  get size() {
    return this.n;
  }

  private grow() {
    const c = this.time.length * 2;
    const f = (a: Float64Array) => { const b = new Float64Array(c); b.set(a); return b; };
    const i = (a: Int32Array) => { const b = new Int32Array(c); b.set(a); return b; };
    this.time = f(this.time);
    this.order = f(this.order);
    this.kind = i(this.kind);
    this.stage = i(this.stage);
    this.token = i(this.token);
    this.qty = i(this.qty);
  }

  push(time: number, kind: number, stage = 0, token = 0, quantity = 0) {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const order = this.counter++;
    // Sift up, moving parents down into the hole.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.time[p] < time || (this.time[p] === time && this.order[p] < order)) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.stage[i] = stage;
    this.token[i] = token;
    this.qty[i] = quantity;
  }

  /** Removes the earliest event into t, k, s, tok, q; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.t = this.time[0];
    this.k = this.kind[0];
    this.s = this.stage[0];
    this.tok = this.token[0];
    this.q = this.qty[0];
    const last = --this.n;
    if (last === 0) return true;
    const time = this.time[last];
    const order = this.order[last];
    const kind = this.kind[last];
    const stage = this.stage[last];
    const token = this.token[last];
    const qty = this.qty[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      let m = l;
      if (r < last && (this.time[r] < this.time[l] || (this.time[r] === this.time[l] && this.order[r] < this.order[l]))) m = r;
      if (time < this.time[m] || (time === this.time[m] && order < this.order[m])) break;
      this.move(m, i);
      i = m;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.stage[i] = stage;
    this.token[i] = token;
    this.qty[i] = qty;
    return true;
  }

  private move(from: number, to: number) {
    this.time[to] = this.time[from];
    this.order[to] = this.order[from];
    this.kind[to] = this.kind[from];
    this.stage[to] = this.stage[from];
    this.token[to] = this.token[from];
    this.qty[to] = this.qty[from];
  }
}
