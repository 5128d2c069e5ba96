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
