// The scoring kernel: z = bias + sum_j a_j * W[row_j] over a text's known rows (Classifier.accumulate's inner loop,
// ~150 rows x L labels per short text, most of the time of a prediction).
//
// Two implementations with bit-identical results:
//   wasm: WebAssembly SIMD (f64x2), 8 labels x 4 rows per step, the weights kept in the kernel's own
//         WebAssembly.Memory (the model's weight array is a view into it, so they are not held twice);
//   js:   plain loops, used where WebAssembly SIMD is unavailable (and by tests, to check the two agree).
// Identity: every label's logit is bias, then + a_j * w_j for j = 0, 1, ... left to right in double precision,
// exactly as the engine always summed (IEEE add and multiply per lane; WebAssembly has no fused multiply-add unless
// asked for). a_j = vals[j] * rowScale[row_j] for int8 codes (the code converted to double exactly), vals[j] for
// float32 weights. Which rows are grouped into one step does not change any sum.

export interface LinearKernel {
  readonly backend: 'wasm' | 'js';
  /** the weights, rows x labels (a view into the kernel's memory for the wasm kernel) */
  readonly weights: Int8Array | Float32Array;
  /** bias + sum over j < m of vals[j] * W[rows[j]] (see header) into a buffer of L logits owned by the kernel,
   * valid until its next call */
  logits(rows: Int32Array, vals: Float64Array, m: number): Float64Array;
}

/**
 * A kernel for these weights: `wasm` when available (and the weights fit in a WebAssembly memory), else `js`.
 * `rowScales` must be given for int8 codes (weight = code * rowScales[row]), and only then.
 */
export function createKernel(weights: Int8Array | Float32Array, rowScales: Float32Array | undefined, bias: Float32Array, labels: number): LinearKernel {
  if (preferred === 'wasm') {
    const module = wasmModule();
    if (module) {
      const k = WasmKernel.create(module, weights, rowScales, bias, labels);
      if (k) return k;
    }
  }
  return new JsKernel(weights, rowScales, bias, labels);
}

let preferred: 'wasm' | 'js' = 'wasm';

/** @internal Which kernel createKernel builds from now on (tests and benchmarks compare the two); returns the previous choice. */
export function setKernelBackend(backend: 'wasm' | 'js'): 'wasm' | 'js' {
  const previous = preferred;
  preferred = backend;
  return previous;
}

// ---- WebAssembly --------------------------------------------------------------------------------------------------

/** rows per call into wasm (the coefficient and offset scratch hold this many) */
const CHUNK = 1024;

class WasmKernel implements LinearKernel {
  readonly backend = 'wasm';
  private constructor(
    readonly weights: Int8Array | Float32Array,
    private readonly rowScales: Float32Array | undefined,
    private readonly bias: Float32Array,
    private readonly L: number,
    /** logits, at byte 0 of the memory (8 * ceil(L / 8) doubles: the lanes past L are scratch) */
    private readonly out: Float64Array,
    private readonly coef: Float64Array,
    private readonly offs: Int32Array,
    /** byte offsets of `out`, `coef`, `offs` and the weights */
    private readonly ptrs: { coef: number; offs: number; weights: number },
    private readonly run: (out: number, coef: number, offs: number, n: number, groups: number) => void,
  ) {}

  static create(module: WebAssembly.Module, weights: Int8Array | Float32Array, rowScales: Float32Array | undefined, bias: Float32Array, L: number): WasmKernel | null {
    const groups = Math.ceil(L / 8);
    const coef = groups * 64;
    const offs = coef + CHUNK * 8;
    const w = (offs + CHUNK * 4 + 15) & ~15;
    // 32 bytes of padding: the last row's last group of 8 labels reads up to 7 weights past the end
    const bytes = w + weights.byteLength + 32;
    const pages = Math.ceil(bytes / 65536);
    if (pages > 65536) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    } catch {
      return null; // out of address space: the js kernel needs none
    }
    const buffer = memory.buffer;
    const view = weights instanceof Int8Array ? new Int8Array(buffer, w, weights.length) : new Float32Array(buffer, w, weights.length);
    view.set(weights as never);
    const exports = new WebAssembly.Instance(module, { e: { m: memory } }).exports;
    const run = (weights instanceof Int8Array ? exports.i8 : exports.f32) as (out: number, coef: number, offs: number, n: number, groups: number) => void;
    return new WasmKernel(view, rowScales, bias, L, new Float64Array(buffer, 0, L), new Float64Array(buffer, coef, CHUNK), new Int32Array(buffer, offs, CHUNK), { coef, offs, weights: w }, run);
  }

  logits(rows: Int32Array, vals: Float64Array, m: number): Float64Array {
    const { out, coef, offs, bias, L, rowScales: S } = this;
    const { coef: coefPtr, offs: offsPtr, weights: wPtr } = this.ptrs;
    for (let c = 0; c < L; c++) out[c] = bias[c]!;
    const groups = (L + 7) >>> 3;
    const rowBytes = S ? L : L * 4;
    for (let j0 = 0; j0 < m; j0 += CHUNK) {
      const n = Math.min(CHUNK, m - j0);
      if (S) {
        for (let k = 0; k < n; k++) {
          const r = rows[j0 + k]!;
          coef[k] = vals[j0 + k]! * S[r]!;
          offs[k] = wPtr + r * rowBytes;
        }
      } else {
        for (let k = 0; k < n; k++) {
          coef[k] = vals[j0 + k]!;
          offs[k] = wPtr + rows[j0 + k]! * rowBytes;
        }
      }
      this.run(0, coefPtr, offsPtr, n, groups);
    }
    return out;
  }
}

let compiled: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = kernelModuleBytes();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

// A minimal assembler for the one module. Both functions have the signature
//   (out, coef, offs, n, groups: i32) -> ()
// and do, for rows j < n: out[0 .. 8 * groups) += f64(coef[j]) * W(offs[j])[0 .. 8 * groups), four rows per pass
// over `out` (out + a0 w0 + a1 w1 + a2 w2 + a3 w3, left to right per lane), then the remaining rows one by one.
// `i8` reads int8 codes (offs[j] = byte offset of the row), `f32` float32 weights. All offsets are byte offsets.

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// value types, instructions (core and 0xfd-prefixed SIMD), memarg = (log2 alignment, offset)
const I32 = 0x7f, V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const ADD = 0x6a, SUB = 0x6b, SHL = 0x74, GT_U = 0x4b, GE_U = 0x4f;
const BLOCK = 0x02, LOOP = 0x03, BR = 0x0c, BR_IF = 0x0d, END = 0x0b, VOID = 0x40;
const I32_LOAD = (offset: number) => [0x28, 2, ...uleb(offset)];
const F64_LOAD = (offset: number) => [0x2b, 3, ...uleb(offset)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V128_LOAD = (offset: number, align = 0) => simd(0x00, align, ...uleb(offset));
const V128_STORE = (offset: number) => simd(0x0b, 4, ...uleb(offset));
const I16X8_LOAD8X8_S = simd(0x01, 0, 0);
const HIGH_TO_LOW = simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7); // i8x16.shuffle: bytes 8-15 first
const F64X2_SPLAT = simd(0x14);
const I32X4_EXTEND_LOW_I16X8_S = simd(0xa7);
const I32X4_EXTEND_HIGH_I16X8_S = simd(0xa8);
const F64X2_CONVERT_LOW_I32X4_S = simd(0xfe);
const F64X2_PROMOTE_LOW_F32X4 = simd(0x5f);
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);

function kernelBody(int8: boolean): number[] {
  // parameters 0-4, then locals
  const OUT = 0, COEF = 1, OFFS = 2, N = 3, GROUPS = 4;
  const J = 5, G = 6, O = 7, P = [8, 9, 10, 11];
  const A = [12, 13, 14, 15], ACC = [16, 17, 18, 19], X = 20, Y = 21;
  const step = int8 ? 8 : 32; // bytes of 8 weights

  /** acc += a * (low two f64 lanes of v): v is the name of a v128 local; `high` first moves lanes 2-3 down */
  const term = (acc: number, a: number, v: number, high: boolean, convert: number[]) => [
    ...get(acc), ...get(a), ...get(v), ...(high ? [...get(v), ...HIGH_TO_LOW] : []), ...convert, ...F64X2_MUL, ...F64X2_ADD, ...set(acc),
  ];
  const row = (k: number): number[] =>
    int8
      ? [
          // 8 int8 codes -> i16x8 -> i32x4 low (labels 0-3) in X, high (labels 4-7) in Y
          ...get(P[k]!), ...I16X8_LOAD8X8_S, ...set(X),
          ...get(X), ...I32X4_EXTEND_HIGH_I16X8_S, ...set(Y),
          ...get(X), ...I32X4_EXTEND_LOW_I16X8_S, ...set(X),
          ...term(ACC[0]!, A[k]!, X, false, F64X2_CONVERT_LOW_I32X4_S), ...term(ACC[1]!, A[k]!, X, true, F64X2_CONVERT_LOW_I32X4_S),
          ...term(ACC[2]!, A[k]!, Y, false, F64X2_CONVERT_LOW_I32X4_S), ...term(ACC[3]!, A[k]!, Y, true, F64X2_CONVERT_LOW_I32X4_S),
        ]
      : [
          // 8 float32 weights: labels 0-3 in X, 4-7 in Y
          ...get(P[k]!), ...V128_LOAD(0), ...set(X),
          ...get(P[k]!), ...V128_LOAD(16), ...set(Y),
          ...term(ACC[0]!, A[k]!, X, false, F64X2_PROMOTE_LOW_F32X4), ...term(ACC[1]!, A[k]!, X, true, F64X2_PROMOTE_LOW_F32X4),
          ...term(ACC[2]!, A[k]!, Y, false, F64X2_PROMOTE_LOW_F32X4), ...term(ACC[3]!, A[k]!, Y, true, F64X2_PROMOTE_LOW_F32X4),
        ];

  /** one pass over `out` adding rows J .. J + rows - 1 */
  const pass = (rows: number): number[] => {
    const b: number[] = [];
    for (let k = 0; k < rows; k++) {
      b.push(...get(COEF), ...get(J), ...i32(3), SHL, ADD, ...F64_LOAD(k * 8), ...F64X2_SPLAT, ...set(A[k]!));
      b.push(...get(OFFS), ...get(J), ...i32(2), SHL, ADD, ...I32_LOAD(k * 4), ...set(P[k]!));
    }
    b.push(...get(OUT), ...set(O), ...get(GROUPS), ...set(G));
    b.push(LOOP, VOID);
    for (let q = 0; q < 4; q++) b.push(...get(O), ...V128_LOAD(q * 16, 4), ...set(ACC[q]!));
    for (let k = 0; k < rows; k++) b.push(...row(k));
    for (let q = 0; q < 4; q++) b.push(...get(O), ...get(ACC[q]!), ...V128_STORE(q * 16));
    b.push(...get(O), ...i32(64), ADD, ...set(O));
    for (let k = 0; k < rows; k++) b.push(...get(P[k]!), ...i32(step), ADD, ...set(P[k]!));
    b.push(...get(G), ...i32(1), SUB, ...set(G), ...get(G), BR_IF, 0, END);
    return b;
  };

  const body = [
    // while (J + 4 <= N) { pass(4); J += 4 }
    BLOCK, VOID, LOOP, VOID,
    ...get(J), ...i32(4), ADD, ...get(N), GT_U, BR_IF, 1,
    ...pass(4),
    ...get(J), ...i32(4), ADD, ...set(J), BR, 0, END, END,
    // while (J < N) { pass(1); J += 1 }
    BLOCK, VOID, LOOP, VOID,
    ...get(J), ...get(N), GE_U, BR_IF, 1,
    ...pass(1),
    ...get(J), ...i32(1), ADD, ...set(J), BR, 0, END, END,
    END,
  ];
  const locals = vec([[...uleb(7), I32], [...uleb(10), V128]]); // J G O P0-3; A0-3 ACC0-3 X Y
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = vec([[I32], [I32], [I32], [I32], [I32]]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([[0x60, ...params, 0x00]])), // type 0: (i32 x 5) -> ()
    ...section(2, vec([[...name('e'), ...name('m'), 0x02, 0x00, 0x00]])), // import memory e.m, min 0 pages
    ...section(3, vec([[0x00], [0x00]])), // two functions of type 0
    ...section(7, vec([[...name('i8'), 0x00, 0x00], [...name('f32'), 0x00, 0x01]])),
    ...section(10, vec([kernelBody(true), kernelBody(false)])),
  ]);
}

// ---- plain JavaScript ---------------------------------------------------------------------------------------------

class JsKernel implements LinearKernel {
  readonly backend = 'js';
  private readonly out: Float64Array;
  constructor(
    readonly weights: Int8Array | Float32Array,
    private readonly rowScales: Float32Array | undefined,
    private readonly bias: Float32Array,
    private readonly L: number,
  ) {
    this.out = new Float64Array(L);
  }

  logits(rowBuf: Int32Array, valBuf: Float64Array, m: number): Float64Array {
    const { weights: W, bias, L, out } = this;
    for (let c = 0; c < L; c++) out[c] = bias[c]!;
    // Rows are added four at a time (one pass over `out` instead of four); out[c] + a0*w0 + a1*w1 + ... rounds
    // exactly like four successive axpys (left to right).
    let j = 0;
    if (W instanceof Int8Array) {
      const S = this.rowScales!;
      for (; j + 4 <= m; j += 4) {
        const r0 = rowBuf[j]!, r1 = rowBuf[j + 1]!, r2 = rowBuf[j + 2]!, r3 = rowBuf[j + 3]!;
        addRows4I8(
          valBuf[j]! * S[r0]!, r0 * L,
          valBuf[j + 1]! * S[r1]!, r1 * L,
          valBuf[j + 2]! * S[r2]!, r2 * L,
          valBuf[j + 3]! * S[r3]!, r3 * L,
          W, out, L,
        );
      }
      for (; j < m; j++) {
        const r = rowBuf[j]!;
        addRowI8(valBuf[j]! * S[r]!, W, r * L, out, L);
      }
    } else {
      for (; j + 4 <= m; j += 4) {
        addRows4F32(
          valBuf[j]!, rowBuf[j]! * L,
          valBuf[j + 1]!, rowBuf[j + 1]! * L,
          valBuf[j + 2]!, rowBuf[j + 2]! * L,
          valBuf[j + 3]!, rowBuf[j + 3]! * L,
          W, out, L,
        );
      }
      for (; j < m; j++) addRowF32(valBuf[j]!, W, rowBuf[j]! * L, out, L);
    }
    return out;
  }
}

/** out[0..L) += a * W[off..off+L) over int8 codes (each loop kept monomorphic for V8). */
function addRowI8(a: number, W: Int8Array, off: number, out: Float64Array, L: number): void {
  for (let c = 0; c < L; c++) out[c]! += a * W[off + c]!;
}

function addRowF32(a: number, W: Float32Array, off: number, out: Float64Array, L: number): void {
  for (let c = 0; c < L; c++) out[c]! += a * W[off + c]!;
}

/** out[c] += a0 * W[o0 + c] + ... + a3 * W[o3 + c], evaluated left to right (same rounding as four addRowI8 calls). */
function addRows4I8(
  a0: number, o0: number, a1: number, o1: number, a2: number, o2: number, a3: number, o3: number,
  W: Int8Array, out: Float64Array, L: number,
): void {
  for (let c = 0; c < L; c++) out[c] = out[c]! + a0 * W[o0 + c]! + a1 * W[o1 + c]! + a2 * W[o2 + c]! + a3 * W[o3 + c]!;
}

/** Float32 twin of addRows4I8. */
function addRows4F32(
  a0: number, o0: number, a1: number, o1: number, a2: number, o2: number, a3: number, o3: number,
  W: Float32Array, out: Float64Array, L: number,
): void {
  for (let c = 0; c < L; c++) out[c] = out[c]! + a0 * W[o0 + c]! + a1 * W[o1 + c]! + a2 * W[o2 + c]! + a3 * W[o3 + c]!;
}
