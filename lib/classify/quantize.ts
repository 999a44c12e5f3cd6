// 8-bit weight quantisation: per weight row, w = q * scale with q in [-127, 127] and scale = max|w| / 127.
// Applied at the end of training, so the in-memory model and its artifact hold the very same float32 weights.

/** Quantises `weights` (rows x L) in place to the dequantised values; returns the per-row scales. */
export function quantizeRows(weights: Float32Array, L: number): Float32Array {
  const rows = weights.length / L;
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const off = r * L;
    let max = 0;
    for (let c = 0; c < L; c++) max = Math.max(max, Math.abs(weights[off + c]!));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    for (let c = 0; c < L; c++) weights[off + c] = scale > 0 ? Math.round(weights[off + c]! / scale) * scale : 0;
  }
  return scales;
}

/** The int8 codes of already-quantised weights. */
export function codesOf(weights: Float32Array, scales: Float32Array, L: number): Int8Array {
  const q = new Int8Array(weights.length);
  for (let r = 0; r < scales.length; r++) {
    const s = scales[r]!;
    const off = r * L;
    for (let c = 0; c < L; c++) q[off + c] = s > 0 ? Math.round(weights[off + c]! / s) : 0;
  }
  return q;
}

/** Inverse of codesOf. */
export function dequantize(q: Int8Array, scales: Float32Array, L: number): Float32Array {
  const w = new Float32Array(q.length);
  for (let r = 0; r < scales.length; r++) {
    const s = scales[r]!;
    const off = r * L;
    for (let c = 0; c < L; c++) w[off + c] = q[off + c]! * s;
  }
  return w;
}
