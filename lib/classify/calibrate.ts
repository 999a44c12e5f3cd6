// Temperature scaling: the single T > 0 minimising the negative log-likelihood of held-out labels under
// softmax(z / T) (single-label) or sigmoid(z / T) per label (multi-label). Golden-section search on ln T.

/** logits: n x L row-major; targets: n x L multi-hot (single-label: one-hot). */
export function negLogLikelihood(logits: Float64Array, targets: Uint8Array, L: number, T: number, multiLabel: boolean): number {
  const n = logits.length / L;
  let nll = 0;
  for (let i = 0; i < n; i++) {
    const o = i * L;
    if (multiLabel) {
      for (let c = 0; c < L; c++) {
        const z = logits[o + c]! / T;
        // -log sigmoid(z) = softplus(-z); -log(1 - sigmoid(z)) = softplus(z)
        const s = targets[o + c] ? -z : z;
        nll += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
      }
    } else {
      let max = -Infinity;
      for (let c = 0; c < L; c++) if (logits[o + c]! > max) max = logits[o + c]!;
      let sum = 0, zy = 0;
      for (let c = 0; c < L; c++) {
        const z = (logits[o + c]! - max) / T;
        sum += Math.exp(z);
        if (targets[o + c]) zy = z;
      }
      nll += Math.log(sum) - zy;
    }
  }
  return nll / Math.max(1, n);
}

export function fitTemperature(logits: Float64Array, targets: Uint8Array, L: number, multiLabel: boolean): number {
  if (logits.length === 0) return 1;
  const f = (lnT: number) => negLogLikelihood(logits, targets, L, Math.exp(lnT), multiLabel);
  let a = Math.log(0.02), b = Math.log(50);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = f(c), fd = f(d);
  for (let it = 0; it < 60; it++) {
    if (fc < fd) {
      b = d; d = c; fd = fc;
      c = b - g * (b - a); fc = f(c);
    } else {
      a = c; c = d; fc = fd;
      d = a + g * (b - a); fd = f(d);
    }
  }
  // round so that the artifact does not depend on the last ulp of the search
  return Number(Math.exp((a + b) / 2).toPrecision(6));
}
