/**
 * Weighting methods. Expected values are literals computed by hand or with plain python3
 * (no numpy); the command is written next to each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WEIGHTERS,
  resolveWeighter,
  weightsFromData,
  equalWeights,
  childCountWeights,
  entropyWeights,
  criticWeights,
  cvWeights,
  ahpWeights,
  assertConsistent,
  pcaWeights,
  optimiseWeights,
  eigenSymmetric,
  correlationMatrix,
  varimax,
  resolveAggregator,
} from '../src/core/methods/index.ts';

function near(actual: number | undefined, expected: number, tol: number, what = ''): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, got ${actual}`);
}
function nearAll(actual: number[], expected: number[], tol: number, what = ''): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => near(actual[i], e, tol, `${what}[${i}]`));
}
const sum = (a: number[]): number => a.reduce((s, x) => s + x, 0);

test('equal and child-count weights', () => {
  assert.deepEqual(equalWeights(4), [0.25, 0.25, 0.25, 0.25]);
  assert.deepEqual(childCountWeights([3, 1, 4]), [3 / 8, 1 / 8, 4 / 8]);
  assert.throws(() => equalWeights(0), /positive integer/);
  assert.throws(() => childCountWeights([0, 0]), /sum to zero/);
  assert.throws(() => childCountWeights([2, -1]), /count 2 is -1/);
});

test('equal weights make the weighted arithmetic mean the plain mean', () => {
  // (70 + 80 + 96) / 3 = 82
  near(resolveAggregator('arithmetic').def.fn([70, 80, 96], equalWeights(3), {}), 82, 1e-12, 'mean');
});

test('entropy weights (熵权法): hand-computed 3×2 example, 0·ln0 = 0, NaN rows dropped', () => {
  // col 1: p = (0, 1/3, 2/3); col 2: p = (1/4, 1/4, 1/2); k = 1/ln 3
  // python3 -c "import math;k=1/math.log(3);e1=-k*sum(p*math.log(p) for p in [1/3,2/3]);e2=-k*sum(p*math.log(p) for p in [.25,.25,.5]);d=[1-e1,1-e2];print([x/sum(d) for x in d])"
  // => [0.8869622090153431, 0.11303779098465692]
  const expected = [0.8869622090153431, 0.11303779098465692];
  nearAll(entropyWeights([[0, 1], [1, 1], [2, 2]]), expected, 1e-12, 'entropy');
  // a row with a missing value is dropped
  nearAll(entropyWeights([[0, 1], [NaN, 5], [1, 1], [2, 2]]), expected, 1e-12, 'entropy, NaN row dropped');
  // a column with negative values is shifted by its minimum: (−1, 0, 1) → (0, 1, 2)
  nearAll(entropyWeights([[-1, 1], [0, 1], [1, 2]]), expected, 1e-12, 'entropy, shifted');
  // a constant column gets weight 0
  nearAll(entropyWeights([[0, 5], [1, 5], [2, 5]]), [1, 0], 1e-12, 'constant column');
  assert.throws(() => entropyWeights([[5, 5], [5, 5]]), /every indicator is constant/);
  assert.throws(() => entropyWeights([[1, 2]]), /at least 2 units/);
});

test('entropy weights: standardise applies the textbook min-max step first', () => {
  // X = [[60,1],[80,1],[100,2]]; standardised columns (0, .5, 1) and (0, 0, 1)
  // python3 -c "import math;k=1/math.log(3);E=lambda c:-k*sum(v/sum(c)*math.log(v/sum(c)) for v in c if v>0);d=[1-E([0,.5,1]),1-E([0,0,1])];print([x/sum(d) for x in d])"
  // => [0.2960819109658653, 0.7039180890341347]; without standardising (values as given):
  // python3 -c "import math;k=1/math.log(3);E=lambda c:-k*sum(v/sum(c)*math.log(v/sum(c)) for v in c if v>0);d=[1-E([60,80,100]),1-E([1,1,2])];print([x/sum(d) for x in d])"
  // => [0.2633724258921324, 0.7366275741078676]
  const X = [[60, 1], [80, 1], [100, 2]];
  nearAll(entropyWeights(X, { standardise: true }), [0.2960819109658653, 0.7039180890341347], 1e-12, 'standardised');
  nearAll(entropyWeights(X), [0.2633724258921324, 0.7366275741078676], 1e-12, 'as given');
});

test('CRITIC weights (Diakoulaki 1995): 4×3 example', () => {
  // python3 -c "
  // import math
  // X=[[1,4,2],[2,3,5],[3,5,1],[4,1,4]];C=[list(c) for c in zip(*X)]
  // Z=[[(v-min(c))/(max(c)-min(c)) for v in c] for c in C];m=lambda a:sum(a)/len(a)
  // sd=lambda a:math.sqrt(sum((x-m(a))**2 for x in a)/(len(a)-1))
  // r=lambda a,b:sum((x-m(a))*(y-m(b)) for x,y in zip(a,b))/math.sqrt(sum((x-m(a))**2 for x in a)*sum((y-m(b))**2 for y in b))
  // c=[sd(Z[j])*sum(1-r(Z[j],Z[k]) for k in range(3)) for j in range(3)];print([x/sum(c) for x in c])"
  // => [0.2840995456001547, 0.38690655754453834, 0.328993896855307]
  const X = [[1, 4, 2], [2, 3, 5], [3, 5, 1], [4, 1, 4]];
  nearAll(criticWeights(X), [0.2840995456001547, 0.38690655754453834, 0.328993896855307], 1e-12, 'critic');
  // two columns, same spread, perfectly anti-correlated halves: symmetric → equal (by hand)
  nearAll(criticWeights([[0, 0], [1, 2], [2, 1]]), [0.5, 0.5], 1e-12, 'symmetric');
  // a constant column gets weight 0
  nearAll(criticWeights([[0, 7, 0], [1, 7, 2], [2, 7, 1]]), [0.5, 0, 0.5], 1e-12, 'constant');
  assert.throws(() => criticWeights([[1, 2], [2, 4], [3, 6]]), /perfectly correlated/);
});

test('coefficient-of-variation weights', () => {
  // by hand: col 1 σ = 10, μ = 20 → 0.5; col 2 σ = 10, μ = 60 → 1/6; col 3 σ = 5, μ = 10 → 0.5;
  // Σ = 7/6 → (3/7, 1/7, 3/7)
  nearAll(cvWeights([[10, 50, 5], [20, 60, 15], [30, 70, 10]]), [3 / 7, 1 / 7, 3 / 7], 1e-12, 'cv');
  assert.throws(() => cvWeights([[-1, 1], [1, 2]], { labels: ['Z1', 'Z2'] }), /Z1 has mean 0/);
});

test('AHP: Saaty’s relative-wealth-of-nations matrix (Saaty 1980; 1990): weights, λmax, CR', () => {
  // Published (Saaty, "How to make a decision: the analytic hierarchy process", EJOR 48 (1990) 9–26):
  // US .427, USSR .230, China .021, France .052, UK .052, Japan .123, W. Germany .094;
  // λmax = 7.61, C.I. = 0.10, C.R. = 0.08.
  // Full precision with plain-python power iteration (script AHP at the end of this file):
  // [0.42711502174662686, 0.2302931902615256, 0.020838410896480187, 0.05238562086916692,
  //  0.05238562086916692, 0.12271940076039983, 0.09426273459663372], λ = 7.607720268859597,
  // CI = 0.10128671147659955, CR = 0.07673235717924208
  const A = [
    [1, 4, 9, 6, 6, 5, 5],
    [1 / 4, 1, 7, 5, 5, 3, 4],
    [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
    [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
  ];
  const r = ahpWeights(A, { name: 'wealth', refuseInconsistent: true });
  nearAll(r.weights, [0.427, 0.23, 0.021, 0.052, 0.052, 0.123, 0.094], 0.0005, 'published weights');
  near(r.lambdaMax, 7.61, 0.005, 'published λmax');
  near(r.ci, 0.1, 0.005, 'published CI');
  near(r.cr, 0.08, 0.005, 'published CR');
  nearAll(r.weights, [0.42711502174662686, 0.2302931902615256, 0.020838410896480187, 0.05238562086916692, 0.05238562086916692, 0.12271940076039983, 0.09426273459663372], 1e-9, 'python');
  near(r.lambdaMax, 7.607720268859597, 1e-9, 'λ python');
  near(r.cr, 0.07673235717924208, 1e-9, 'CR python');
  assert.equal(r.ri, 1.32);
  near(sum(r.weights), 1, 1e-12, 'sum');
});

test('AHP: a consistent matrix gives exact ratios and CR = 0', () => {
  // a_ij = w_i/w_j with w ∝ (8, 4, 2, 1): eigenvector (8, 4, 2, 1)/15, λmax = 4
  const r = ahpWeights([[1, 2, 4, 8], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [1 / 8, 1 / 4, 1 / 2, 1]]);
  nearAll(r.weights, [8 / 15, 4 / 15, 2 / 15, 1 / 15], 1e-12, 'weights');
  near(r.lambdaMax, 4, 1e-10, 'λ');
  near(r.cr, 0, 1e-10, 'CR');
  nearAll(ahpWeights([[1, 3], [1 / 3, 1]]).weights, [0.75, 0.25], 1e-12, '2×2');
  assert.equal(assertConsistent(r), r);
});

test('AHP: an inconsistent matrix is refused, naming the pair that deviates most', () => {
  // the consistent (8,4,2,1) matrix with a_14 reversed to 1/8 (a_41 = 8); python (script AHP below):
  // λ = 6.7346476015875965, CI = 0.9115492005291989, CR = 1.012832445032443; largest
  // |ln a_ij − ln(g_i/g_j)| (g = row geometric means = (Π_k a_ik·a_kj)^(1/n)) is pair (1, 4) with g_1/g_4 = 1
  const A = [[1, 2, 4, 1 / 8], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [8, 1 / 4, 1 / 2, 1]];
  const r = ahpWeights(A);
  near(r.cr, 1.012832445032443, 1e-9, 'CR');
  assert.deepEqual([r.mostInconsistent?.i, r.mostInconsistent?.j], [0, 3]);
  near(r.mostInconsistent?.implied, 1, 1e-12, 'implied');
  assert.throws(
    () => ahpWeights(A, { name: 'P1', labels: ['发明', '商标', '版权', '地理标志'], refuseInconsistent: true }),
    (e: Error) =>
      e.name === 'MethodError' &&
      e.message.startsWith('AHP matrix for P1 is inconsistent: CR = 1.013 ≥ 0.10; revise the comparisons') &&
      e.message.includes('largest inconsistency between items 发明 and 地理标志: judged 1/8, the other comparisons imply about 1'),
  );
  assert.throws(() => assertConsistent(r, { name: 'X' }), /AHP matrix for X is inconsistent: CR = 1\.013 ≥ 0\.10; revise the comparisons \(largest inconsistency between items 1 and 4/);
});

test('AHP: validation names the entry and the fix', () => {
  assert.throws(() => ahpWeights([[1, 3], [0.3, 1]], { name: 'B' }), /AHP matrix for B: not reciprocal: a\[2\]\[1\] = 0\.3 but 1\/a\[1\]\[2\] = 0\.333.*set a_ji = 1\/a_ij/);
  assert.throws(() => ahpWeights([[1, -2], [-0.5, 1]]), /a\[1\]\[2\] = -2; every comparison must be a positive number/);
  assert.throws(() => ahpWeights([[2, 1], [1, 1]]), /diagonal a\[1\]\[1\] = 2/);
  assert.throws(() => ahpWeights([[1, 2], [0.5]]), /row 2 has 1 entry; the matrix must be 2×2/);
  const big = Array.from({ length: 16 }, () => new Array<number>(16).fill(1));
  assert.throws(() => ahpWeights(big), /at most 15/);
});

test('eigenSymmetric: known spectra, A·v = λ·v, orthonormal vectors', () => {
  // [[2,1],[1,2]]: λ = 3, 1 (by hand)
  const e2 = eigenSymmetric([[2, 1], [1, 2]]);
  nearAll(e2.values, [3, 1], 1e-12, '2×2');
  near(e2.vectors[0]![0], Math.SQRT1_2, 1e-12, 'v1 sign: component sum positive');
  // tridiagonal Toeplitz (4 on the diagonal, 1 off): λ_k = 4 + 2cos(kπ/4) = 4 + √2, 4, 4 − √2
  const M = [[4, 1, 0], [1, 4, 1], [0, 1, 4]];
  const e3 = eigenSymmetric(M);
  nearAll(e3.values, [4 + Math.SQRT2, 4, 4 - Math.SQRT2], 1e-12, '3×3');
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < 3; i++) {
      const Av = M[i]!.reduce((s, a, j) => s + a * e3.vectors[j]![k]!, 0);
      near(Av, e3.values[k]! * e3.vectors[i]![k]!, 1e-12, `A·v ${k}`);
    }
    for (let l = 0; l < 3; l++) near(e3.vectors.reduce((s, row) => s + row[k]! * row[l]!, 0), k === l ? 1 : 0, 1e-12, `orthonormal ${k},${l}`);
  }
  assert.throws(() => eigenSymmetric([[1, 2], [3, 1]]), /not symmetric/);
});

test('correlationMatrix: Pearson, complete rows', () => {
  // python3 -c "import math;a=[1,2,3];b=[2,4,7];ma=sum(a)/3;mb=sum(b)/3;print(sum((x-ma)*(y-mb) for x,y in zip(a,b))/math.sqrt(sum((x-ma)**2 for x in a)*sum((y-mb)**2 for y in b)))"
  // => 0.9933992677987828
  const R = correlationMatrix([[1, 2], [2, 4], [NaN, 0], [3, 7]]);
  near(R[0]![1], 0.9933992677987828, 1e-12, 'r');
  near(R[1]![0], 0.9933992677987828, 1e-12, 'symmetric');
  assert.deepEqual([R[0]![0], R[1]![1]], [1, 1]);
});

// 8 units built from orthogonal ±1 contrasts (columns of an 8×8 Hadamard matrix), so the
// correlations are exact: x1 = h1, x2 = h1 + h2, x3 = h3, x4 = h3 + 2·h4 → r12 = 1/√2,
// r34 = 1/√5, all other r = 0.
const BLOCKS = [
  [1, 2, 1, 3],
  [1, 2, -1, 1],
  [1, 0, 1, -1],
  [1, 0, -1, -3],
  [-1, 0, 1, -1],
  [-1, 0, -1, -3],
  [-1, -2, 1, 3],
  [-1, -2, -1, 1],
];

test('PCA weights (OECD/JRC Handbook §6.1): block-diagonal correlations, by hand', () => {
  // eigenvalues 1 + 1/√2, 1 + 1/√5 (> 1, retained), 1 − 1/√5, 1 − 1/√2; component 1 loads
  // x1, x2 with l² = (1 + r12)/2 each, component 2 loads x3, x4 with (1 + r34)/2; ΣEV = 2 + r12 + r34;
  // weight = l²/ΣEV:
  // python3 -c "import math;a=1/math.sqrt(2);b=1/math.sqrt(5);print((1+a)/2/(2+a+b),(1+b)/2/(2+a+b))"
  // => 0.27059819189637907 0.2294018081036209
  const expected = [0.27059819189637907, 0.27059819189637907, 0.2294018081036209, 0.2294018081036209];
  for (const rotation of ['varimax', 'none'] as const) {
    const r = pcaWeights(BLOCKS, { rotation });
    nearAll(r.weights, expected, 1e-10, rotation);
    assert.equal(r.retained, 2);
    nearAll(r.eigenvalues, [1 + Math.SQRT1_2, 1 + 1 / Math.sqrt(5), 1 - 1 / Math.sqrt(5), 1 - Math.SQRT1_2], 1e-12, 'eigenvalues');
    assert.deepEqual(r.factorOf, [0, 0, 1, 1]);
  }
});

// 8 units: x1 = h1 + .5h3 + .3h5, x2 = h1 + .2h3 + h6, x3 = h3 + .4h1 + .5h7, x4 = h3 + h2
// (h5 = h1·h3, h6 = h2·h3, h7 = h1·h2·h3): two correlated blocks that PCA mixes before rotation.
const MIXED = [
  [1.8, 2.2, 1.9, 2],
  [0.2, -0.2, -1.1, 0],
  [1.8, 0.2, 0.9, 0],
  [0.2, 1.8, -0.1, -2],
  [-0.8, 0.2, 0.1, 2],
  [-1.2, -2.2, -0.9, 0],
  [-0.8, -1.8, 1.1, 0],
  [-1.2, -0.2, -1.9, -2],
];

test('PCA weights: unrotated and varimax-rotated, checked against an independent python implementation', () => {
  // script PCA at the end of this file (plain python): eigen-pairs by power iteration with deflation (not Jacobi);
  // λ = 2.3779349661282145, 1.0323463929533785, 0.3791341031934151, 0.21058453772499217;
  // 2-factor varimax by Kaiser's closed-form angle φ = atan2(D − 2AB/m, C − (A² − B²)/m)/4 = −0.72838…
  // on Kaiser-normalised rows; weights (EV_f/ΣEV)·l²/EV_f for each indicator's best factor, normalised.
  const none = pcaWeights(MIXED, { rotation: 'none' });
  nearAll(none.eigenvalues, [2.3779349661282145, 1.0323463929533785, 0.3791341031934151, 0.21058453772499217], 1e-10, 'eigenvalues');
  nearAll(none.weights, [0.324755951815934, 0.1595940186716937, 0.311782342765343, 0.2038676867470292], 1e-8, 'unrotated');
  const rot = pcaWeights(MIXED);
  nearAll(rot.weights, [0.23436080127884018, 0.2798131518964112, 0.20285750710997227, 0.2829685397147765], 1e-8, 'varimax');
  nearAll(rot.explained.slice().sort((a, b) => b - a), [1.7816958648129366, 1.6285854942686568], 1e-8, 'explained variance');
  near(sum(rot.weights), 1, 1e-12, 'sum');
});

test('varimax: matches the closed-form 2-factor rotation, keeps communalities, raises the criterion', () => {
  // unrotated loadings of MIXED (script PCA below) and their rotation by φ = −0.7283812148170817
  const L = [
    [0.8803769509025783, -0.2867271982112965],
    [0.6909212800206496, -0.6171609083108169],
    [0.862612728592385, 0.2875674839654514],
    [0.617574655999355, 0.6975322660479769],
  ];
  const expected = [
    [0.8478474307556203, 0.37206289258096464],
    [0.9264229029892742, -0.0006377690265965423],
    [0.45230440258501886, 0.7888070136389692],
    [-0.003454155926586575, 0.9316317870905769],
  ];
  const R = varimax(L);
  R.forEach((row, j) => nearAll(row, expected[j]!, 1e-9, `row ${j}`));
  const crit = (M: number[][]): number => {
    const h2 = M.map((r) => r[0]! ** 2 + r[1]! ** 2);
    let t = 0;
    for (let f = 0; f < 2; f++) {
      const q = M.map((r, j) => r[f]! ** 2 / h2[j]!);
      const m = sum(q) / q.length;
      t += sum(q.map((x) => (x - m) ** 2));
    }
    return t;
  };
  assert.ok(crit(R) > crit(L));
  R.forEach((row, j) => near(row[0]! ** 2 + row[1]! ** 2, L[j]![0]! ** 2 + L[j]![1]! ** 2, 1e-12, 'communality'));
});

test('optimised weights: two indicators get equal correlation at w ∝ 1/σ (closed form)', () => {
  // For a = w1·x1 + w2·x2, corr(x1, a) = corr(x2, a) ⇔ (w1σ1 − w2σ2)(1 − ρ) = 0 ⇔ w ∝ 1/σ.
  // x1 = (1..5): var 2.5; x2 = (2,1,4,3,10): deviations (−2,−3,0,−1,6), var 12.5; σ2/σ1 = √5
  // → w1 = √5/(1 + √5) = 0.6909830056250525
  const X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 10]];
  const r = optimiseWeights(X);
  assert.ok(r.converged);
  near(r.weights[0], Math.sqrt(5) / (1 + Math.sqrt(5)), 1e-7, 'w1');
  near(r.correlations[0]! - r.correlations[1]!, 0, 1e-7, 'equal correlations');
});

test('optimised weights: three indicators reach custom target shares; deterministic', () => {
  const X = [[1, 5, 2], [2, 3, 9], [3, 8, 4], [4, 1, 7], [5, 9, 1], [6, 4, 6], [7, 6, 3]];
  const target = [0.5, 0.3, 0.2];
  const r = optimiseWeights(X, { target, tol: 1e-9 });
  assert.ok(r.converged, `not converged after ${r.iterations}`);
  // shares recomputed here from the returned weights, independently of the optimiser
  const agg = X.map((row) => sum(row.map((x, j) => x * r.weights[j]!)));
  const corr = (a: number[], b: number[]): number => {
    const ma = sum(a) / a.length;
    const mb = sum(b) / b.length;
    const c = sum(a.map((x, i) => (x - ma) * (b[i]! - mb)));
    return c / Math.sqrt(sum(a.map((x) => (x - ma) ** 2)) * sum(b.map((y) => (y - mb) ** 2)));
  };
  const rs = [0, 1, 2].map((j) => corr(X.map((row) => row[j]!), agg));
  nearAll(rs.map((x) => x / sum(rs)), target, 1e-8, 'shares');
  near(sum(r.weights), 1, 1e-12, 'sum');
  assert.deepEqual(optimiseWeights(X, { target, tol: 1e-9 }), r);
  assert.throws(() => optimiseWeights(X, { target: [0.5, 0.5] }), /target has 2 values but there are 3 indicators/);
});

test('WEIGHTERS registry: names, descriptions, one resolver, data dispatch', () => {
  assert.deepEqual(Object.keys(WEIGHTERS), ['equal', 'child-count', 'entropy', 'critic', 'cv', 'ahp', 'pca', 'optimise']);
  for (const def of Object.values(WEIGHTERS)) assert.ok(def.describe.zh && def.describe.en && def.formula && def.reference);
  assert.equal(resolveWeighter('entropy').input, 'data');
  assert.throws(() => resolveWeighter('magic'), /Unknown weighting method "magic" \(valid: equal, child-count, entropy, critic, cv, ahp, pca, optimise\)/);
  nearAll(weightsFromData('cv', [[10, 50, 5], [20, 60, 15], [30, 70, 10]]), [3 / 7, 1 / 7, 3 / 7], 1e-12, 'cv via dispatch');
  assert.throws(() => weightsFromData('ahp', [[1]]), /does not derive weights from data/);
});

/*
Independent python (python3, standard library only; no numpy):

--- script AHP ---
import math
def ahp(A):
    n=len(A); v=[1.0/n]*n
    for it in range(100000):
        u=[sum(A[i][j]*v[j] for j in range(n)) for i in range(n)]; s=sum(u); u=[x/s for x in u]
        if max(abs(u[i]-v[i]) for i in range(n))<1e-15: v=u; break
        v=u
    Av=[sum(A[i][j]*v[j] for j in range(n)) for i in range(n)]
    lam=sum(Av[i]/v[i] for i in range(n))/n
    RI=[0,0,0.58,0.90,1.12,1.24,1.32,1.41,1.45,1.49,1.51,1.48,1.56,1.57,1.59][n-1]
    ci=(lam-n)/(n-1) if n>1 else 0
    return v,lam,ci,(ci/RI if RI else 0)
A=[[1,4,9,6,6,5,5],[1/4,1,7,5,5,3,4],[1/9,1/7,1,1/5,1/5,1/7,1/5],[1/6,1/5,5,1,1,1/3,1/3],
   [1/6,1/5,5,1,1,1/3,1/3],[1/5,1/3,7,3,3,1,2],[1/5,1/4,5,3,3,1/2,1]]
print(ahp(A))
w=[8,4,2,1]; B=[[w[i]/w[j] for j in range(4)] for i in range(4)]; B[0][3]=1/8; B[3][0]=8
print(ahp(B)); n=4; lg=[sum(math.log(a) for a in row)/n for row in B]
print(max((abs(math.log(B[i][j])-(lg[i]-lg[j])),i,j,math.exp(lg[i]-lg[j])) for i in range(n) for j in range(i+1,n)))

--- script PCA ---
import math
mean=lambda a:sum(a)/len(a)
def pear(a,b):
    ma,mb=mean(a),mean(b)
    return sum((x-ma)*(y-mb) for x,y in zip(a,b))/math.sqrt(sum((x-ma)**2 for x in a)*sum((y-mb)**2 for y in b))
X=[[1.8,2.2,1.9,2],[0.2,-0.2,-1.1,0],[1.8,0.2,0.9,0],[0.2,1.8,-0.1,-2],
   [-0.8,0.2,0.1,2],[-1.2,-2.2,-0.9,0],[-0.8,-1.8,1.1,0],[-1.2,-0.2,-1.9,-2]]
C=[list(c) for c in zip(*X)]; m=4
M=[[pear(C[i],C[j]) for j in range(m)] for i in range(m)]; vals=[]; vecs=[]
for k in range(m):                      # power iteration with deflation
    v=[1.0+0.1*i for i in range(m)]
    for it in range(200000):
        u=[sum(M[i][j]*v[j] for j in range(m)) for i in range(m)]
        nrm=math.sqrt(sum(x*x for x in u)); u=[x/nrm for x in u]
        if max(abs(a-b) for a,b in zip(u,v))<1e-15: v=u; break
        v=u
    lam=sum(v[i]*sum(M[i][j]*v[j] for j in range(m)) for i in range(m)); vals.append(lam); vecs.append(v)
    M=[[M[i][j]-lam*v[i]*v[j] for j in range(m)] for i in range(m)]
k=sum(1 for l in vals if l>1)
L=[[vecs[f][j]*math.sqrt(vals[f]) for f in range(k)] for j in range(m)]
def weights(L):
    EV=[sum(L[j][f]**2 for j in range(m)) for f in range(k)]; raw=[]
    for j in range(m):
        s=[L[j][f]**2/EV[f] for f in range(k)]; f=max(range(k),key=lambda f:s[f]); raw.append(EV[f]/sum(EV)*s[f])
    return [r/sum(raw) for r in raw], EV
print(vals, L, weights(L))
h=[math.sqrt(sum(x*x for x in r)) for r in L]; Z=[[x/h[j] for x in L[j]] for j in range(m)]
u=[z[0]**2-z[1]**2 for z in Z]; v=[2*z[0]*z[1] for z in Z]
A=sum(u); B=sum(v); Cc=sum(a*a-b*b for a,b in zip(u,v)); D=2*sum(a*b for a,b in zip(u,v))
phi=math.atan2(D-2*A*B/m, Cc-(A*A-B*B)/m)/4; c,s=math.cos(phi),math.sin(phi)
Lr=[[(c*Z[j][0]+s*Z[j][1])*h[j],(-s*Z[j][0]+c*Z[j][1])*h[j]] for j in range(m)]
print(phi, Lr, weights(Lr))
*/

test('PCA retention: Kaiser (eigenvalue > 1) versus the Handbook criteria (> 10% of variance each, > 60% in all)', () => {
  // three mutually orthogonal, centred columns: the correlation matrix is the identity, every
  // eigenvalue is exactly 1 (33% of the variance each)
  const X = [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]];
  assert.equal(pcaWeights(X).retained, 1, 'Kaiser keeps none above 1, so the first only');
  const h = pcaWeights(X, { retain: 'handbook' });
  assert.equal(h.retained, 3);
  h.weights.forEach((w) => assert.ok(Math.abs(w - 1 / 3) < 1e-9, String(h.weights)));
});
