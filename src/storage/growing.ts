// Typed arrays that double as they fill: per-message and per-exchange columns of large runs.

type Typed = Float64Array | Int32Array | Uint8Array;

export class Growing<A extends Typed> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (size: number) => A,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** The filled part (a view, not a copy). */
  values(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

export const floats = (size = 1 << 16): Growing<Float64Array> => new Growing(new Float64Array(size), (n) => new Float64Array(n));
export const ints = (size = 1 << 16): Growing<Int32Array> => new Growing(new Int32Array(size), (n) => new Int32Array(n));
export const bytes = (size = 1 << 16): Growing<Uint8Array> => new Growing(new Uint8Array(size), (n) => new Uint8Array(n));

/**
 * Numeric ids (safe integers) to positions: an open-addressing table on typed arrays, about 12 bytes
 * a slot at most half full. A Map would box every id past 2^31 and take about 60 bytes an entry.
 */
export class IdIndex {
  private keys = new Float64Array(1 << 16);
  private values = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  size = 0;

  private slot(id: number): number {
    const lo = id % 4294967296 | 0;
    const hi = Math.floor(id / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.values[i] !== -1 && this.keys[i] !== id) i = (i + 1) & this.mask;
    return i;
  }

  get(id: number): number | undefined {
    const i = this.slot(id);
    return this.values[i] === -1 ? undefined : this.values[i];
  }

  has(id: number): boolean {
    return this.values[this.slot(id)] !== -1;
  }

  /** Sets the position of an id (`value` ≥ 0). */
  set(id: number, value: number): void {
    let i = this.slot(id);
    if (this.values[i] === -1) {
      if (2 * (this.size + 1) > this.values.length) {
        this.grow();
        i = this.slot(id);
      }
      this.size++;
      this.keys[i] = id;
    }
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    for (let j = 0; j < values.length; j++) {
      if (values[j] === -1) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.values[i] = values[j]!;
    }
  }
}
