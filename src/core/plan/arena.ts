/**
 * Typed arrays for a run's many small tables, carved as views out of large blocks: allocating a
 * typed array of more than a few dozen numbers costs microseconds (its buffer lives outside the
 * JavaScript heap), a view of an existing block a fraction of that. Large arrays are allocated
 * on their own (their work dwarfs the cost). Arrays come zero-filled.
 */
export class Arena {
  /**
   * @param block numbers of the largest block; 0 allocates every array on its own (see
   * {@link DIRECT}). Blocks start small and double, so a re-run that needs a few arrays pays
   * for a few.
   */
  constructor(private readonly block = BLOCK) {}
  private next = FIRST;
  private f = new Float64Array(0);
  private fAt = 0;
  private i = new Int32Array(0);
  private iAt = 0;

  /** A zero-filled Float64Array of `n` numbers. */
  f64(n: number): Float64Array {
    if (n > SMALL || !this.block) return new Float64Array(n);
    if (this.fAt + n > this.f.length) {
      this.f = new Float64Array(this.grow(n));
      this.fAt = 0;
    }
    const v = this.f.subarray(this.fAt, this.fAt + n);
    this.fAt += n;
    return v;
  }

  /** A Float64Array holding a copy of `src`. */
  copy(src: ArrayLike<number>): Float64Array {
    const v = this.f64(src.length);
    v.set(src);
    return v;
  }

  /** The size of the next block: twice the last, up to the largest, and at least `n`. */
  private grow(n: number): number {
    const size = Math.max(n, Math.min(this.next, this.block));
    this.next = Math.min(this.next * 2, this.block);
    return size;
  }

  /** A zero-filled Int32Array of `n` numbers. */
  i32(n: number): Int32Array {
    if (n > SMALL || !this.block) return new Int32Array(n);
    if (this.iAt + n > this.i.length) {
      this.i = new Int32Array(this.grow(n));
      this.iAt = 0;
    }
    const v = this.i.subarray(this.iAt, this.iAt + n);
    this.iAt += n;
    return v;
  }
}

/** Arrays above this many numbers are allocated on their own. */
const SMALL = 4096;
/** Numbers of the first and of the largest block. */
const FIRST = 1024;
const BLOCK = 1 << 16;

/** Plain allocation, for a stage called on its own (it keeps no blocks, so it can be shared). */
export const DIRECT = new Arena(0);
