/**
 * The Sobol low-discrepancy sequence (Sobol 1967; Bratley & Fox 1988, Gray-code order), for the
 * Saltelli designs of the sensitivity analysis. Direction numbers: S. Joe and F. Y. Kuo,
 * "Constructing Sobol sequences with better two-dimensional projections" (2008), table
 * new-joe-kuo-6.21201, first 64 dimensions, as distributed with SciPy (scipy.stats.qmc.Sobol);
 * the unscrambled points equal SciPy's `Sobol(d, scramble=False)` (test/analysis-sobol-sequence).
 */

/** Per dimension: the primitive polynomial (with its leading and constant bits) and the initial direction numbers m_1…m_s. */
const DIRECTIONS: readonly (readonly [number, readonly number[]])[] = [
  [1, [1]],
  [3, [1]],
  [7, [1, 3]],
  [11, [1, 3, 1]],
  [13, [1, 1, 1]],
  [19, [1, 1, 3, 3]],
  [25, [1, 3, 5, 13]],
  [37, [1, 1, 5, 5, 17]],
  [41, [1, 1, 5, 5, 5]],
  [47, [1, 1, 7, 11, 19]],
  [55, [1, 1, 5, 1, 1]],
  [59, [1, 1, 1, 3, 11]],
  [61, [1, 3, 5, 5, 31]],
  [67, [1, 3, 3, 9, 7, 49]],
  [91, [1, 1, 1, 15, 21, 21]],
  [97, [1, 3, 1, 13, 27, 49]],
  [103, [1, 1, 1, 15, 7, 5]],
  [109, [1, 3, 1, 15, 13, 25]],
  [115, [1, 1, 5, 5, 19, 61]],
  [131, [1, 3, 7, 11, 23, 15, 103]],
  [137, [1, 3, 7, 13, 13, 15, 69]],
  [143, [1, 1, 3, 13, 7, 35, 63]],
  [145, [1, 3, 5, 9, 1, 25, 53]],
  [157, [1, 3, 1, 13, 9, 35, 107]],
  [167, [1, 3, 1, 5, 27, 61, 31]],
  [171, [1, 1, 5, 11, 19, 41, 61]],
  [185, [1, 3, 5, 3, 3, 13, 69]],
  [191, [1, 1, 7, 13, 1, 19, 1]],
  [193, [1, 3, 7, 5, 13, 19, 59]],
  [203, [1, 1, 3, 9, 25, 29, 41]],
  [211, [1, 3, 5, 13, 23, 1, 55]],
  [213, [1, 3, 7, 3, 13, 59, 17]],
  [229, [1, 3, 1, 3, 5, 53, 69]],
  [239, [1, 1, 5, 5, 23, 33, 13]],
  [241, [1, 1, 7, 7, 1, 61, 123]],
  [247, [1, 1, 7, 9, 13, 61, 49]],
  [253, [1, 3, 3, 5, 3, 55, 33]],
  [285, [1, 3, 1, 15, 31, 13, 49, 245]],
  [299, [1, 3, 5, 15, 31, 59, 63, 97]],
  [301, [1, 3, 1, 11, 11, 11, 77, 249]],
  [333, [1, 3, 1, 11, 27, 43, 71, 9]],
  [351, [1, 1, 7, 15, 21, 11, 81, 45]],
  [355, [1, 3, 7, 3, 25, 31, 65, 79]],
  [357, [1, 3, 1, 1, 19, 11, 3, 205]],
  [361, [1, 1, 5, 9, 19, 21, 29, 157]],
  [369, [1, 3, 7, 11, 1, 33, 89, 185]],
  [391, [1, 3, 3, 3, 15, 9, 79, 71]],
  [397, [1, 3, 7, 11, 15, 39, 119, 27]],
  [425, [1, 1, 3, 1, 11, 31, 97, 225]],
  [451, [1, 1, 1, 3, 23, 43, 57, 177]],
  [463, [1, 3, 7, 7, 17, 17, 37, 71]],
  [487, [1, 3, 1, 5, 27, 63, 123, 213]],
  [501, [1, 1, 3, 5, 11, 43, 53, 133]],
  [529, [1, 3, 5, 5, 29, 17, 47, 173, 479]],
  [539, [1, 3, 3, 11, 3, 1, 109, 9, 69]],
  [545, [1, 1, 1, 5, 17, 39, 23, 5, 343]],
  [557, [1, 3, 1, 5, 25, 15, 31, 103, 499]],
  [563, [1, 1, 1, 11, 11, 17, 63, 105, 183]],
  [601, [1, 1, 5, 11, 9, 29, 97, 231, 363]],
  [607, [1, 1, 5, 15, 19, 45, 41, 7, 383]],
  [617, [1, 3, 7, 7, 31, 19, 83, 137, 221]],
  [623, [1, 1, 1, 3, 23, 15, 111, 223, 83]],
  [631, [1, 1, 5, 13, 31, 15, 55, 25, 161]],
  [637, [1, 1, 3, 13, 25, 47, 39, 87, 257]],
];

/** The most dimensions a Sobol design can have here. */
export const SOBOL_MAX_DIMENSIONS = DIRECTIONS.length;

const BITS = 30;

/** Direction numbers v[d][j] (already shifted to 30-bit integers). */
function directionNumbers(dim: number): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let d = 0; d < dim; d++) {
    const v = new Uint32Array(BITS);
    if (d === 0) v.fill(1);
    else {
      const [p, m0] = DIRECTIONS[d]!;
      const s = Math.floor(Math.log2(p));
      for (let j = 0; j < s; j++) v[j] = m0[j]!;
      for (let j = s; j < BITS; j++) {
        let nv = v[j - s]!;
        let pow2 = 1;
        for (let k = 0; k < s; k++) {
          pow2 *= 2;
          if ((p >> (s - 1 - k)) & 1) nv ^= pow2 * v[j - k - 1]!;
        }
        v[j] = nv;
      }
    }
    for (let j = 0; j < BITS; j++) v[j] = v[j]! * 2 ** (BITS - 1 - j);
    out.push(v);
  }
  return out;
}

/**
 * `n` points of the `dim`-dimensional Sobol sequence, row-major (`out[i · dim + d]`), starting at
 * point `skip` (point 0 is the origin). With `shift` (one 30-bit integer per dimension), each point
 * is XOR-ed with it: a random digital shift, which keeps the sequence's net structure and makes
 * replicates with different seeds independent.
 * @throws RangeError above {@link SOBOL_MAX_DIMENSIONS} dimensions or 2^30 points
 */
export function sobolPoints(n: number, dim: number, skip = 0, shift?: Uint32Array): Float64Array {
  if (dim < 1 || dim > SOBOL_MAX_DIMENSIONS) throw new RangeError(`Sobol sequence: ${dim} dimensions (1–${SOBOL_MAX_DIMENSIONS} supported)`);
  if (n + skip > 2 ** BITS) throw new RangeError(`Sobol sequence: at most 2^${BITS} points`);
  const v = directionNumbers(dim);
  const x = new Uint32Array(dim);
  const out = new Float64Array(n * dim);
  const scale = 2 ** -BITS;
  for (let i = 0; i < skip + n; i++) {
    if (i >= skip) {
      const row = (i - skip) * dim;
      for (let d = 0; d < dim; d++) out[row + d] = ((shift ? (x[d]! ^ shift[d]!) >>> 0 : x[d]!) * scale);
    }
    // Gray code: the next point flips the direction number of the lowest zero bit of i
    let c = 0;
    for (let k = i; k & 1; k >>>= 1) c++;
    for (let d = 0; d < dim; d++) x[d] = (x[d]! ^ v[d]![c]!) >>> 0;
  }
  return out;
}
