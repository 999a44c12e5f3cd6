// Binary model artifact (little-endian):
//
//   offset 0   4 bytes  magic "CSCM" (Callsight Classifier Model)
//          4   u32      format version (ARTIFACT_FORMAT_VERSION)
//          8   u32      header length H in bytes
//         12   H bytes  JSON header: labels, multiLabel, featureSpec, temperature, blockWeights, rows, weightEncoding
//              zero padding to a multiple of 4
//              i32[rows]        bucket ids (strictly increasing)
//              f32[rows]        idf
//              f32[labels]      bias
//              weightEncoding "q8":  f32[rows] row scales, then i8[rows * labels] codes (+ zero padding to 4)
//              weightEncoding "f32": f32[rows * labels]
//   last 4     u32      CRC-32 (IEEE) of every preceding byte
//
// No timestamps or other run-dependent data: the same model always serialises to the same bytes.

import { Classifier, type ModelParams } from './model';
import { validateFeatureSpec } from './features';

export const ARTIFACT_FORMAT_VERSION = 1;
const MAGIC = [0x43, 0x53, 0x43, 0x4d]; // "CSCM"

// CRC-32 by slicing-by-8: CRC_TABLES[k * 256 + b] is the CRC of byte b followed by k zero bytes, so eight input
// bytes fold in with eight lookups (the same checksum as the byte-at-a-time loop, several times faster).
const CRC_TABLES = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (t[prev & 0xff]! ^ (prev >>> 8)) >>> 0;
    }
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  const T = CRC_TABLES;
  let c = 0xffffffff;
  let i = 0;
  const n8 = bytes.length - 8;
  for (; i <= n8; i += 8) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    const hi = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
    c =
      T[7 * 256 + (lo & 0xff)]! ^ T[6 * 256 + ((lo >>> 8) & 0xff)]! ^ T[5 * 256 + ((lo >>> 16) & 0xff)]! ^ T[4 * 256 + (lo >>> 24)]! ^
      T[3 * 256 + (hi & 0xff)]! ^ T[2 * 256 + ((hi >>> 8) & 0xff)]! ^ T[256 + ((hi >>> 16) & 0xff)]! ^ T[hi >>> 24]!;
  }
  for (; i < bytes.length; i++) c = T[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** the platform stores numbers little-endian, like the artifact: arrays can be copied in bulk */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Header {
  format: 'callsight-classifier';
  labels: string[];
  multiLabel: boolean;
  featureSpec: ModelParams['featureSpec'];
  temperature: number;
  prior: number[];
  blockWeights: [number, number];
  rows: number;
  weightEncoding: 'q8' | 'f32';
}

const pad4 = (n: number) => (n + 3) & ~3;

export function serializeModel(model: Classifier): Uint8Array {
  const p = model.params;
  const L = p.labels.length;
  const rows = p.buckets.length;
  const encoding: Header['weightEncoding'] = p.rowScales ? 'q8' : 'f32';
  const header: Header = {
    format: 'callsight-classifier',
    labels: p.labels.slice(),
    multiLabel: p.multiLabel,
    featureSpec: p.featureSpec,
    temperature: p.temperature,
    prior: Array.from(p.prior),
    blockWeights: [p.blockWeights[0], p.blockWeights[1]],
    rows,
    weightEncoding: encoding,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const weightBytes = encoding === 'q8' ? rows * 4 + pad4(rows * L) : rows * L * 4;
  const total = 12 + pad4(json.length) + rows * 8 + L * 4 + weightBytes + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, ARTIFACT_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let o = 12 + pad4(json.length);
  const putI32 = (a: Int32Array) => {
    if (LITTLE_ENDIAN) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o), (o += a.byteLength);
    else for (let i = 0; i < a.length; i++, o += 4) view.setInt32(o, a[i]!, true);
  };
  const putF32 = (a: Float32Array) => {
    if (LITTLE_ENDIAN) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o), (o += a.byteLength);
    else for (let i = 0; i < a.length; i++, o += 4) view.setFloat32(o, a[i]!, true);
  };
  putI32(p.buckets);
  putF32(p.idf);
  putF32(p.bias);
  if (p.rowScales) {
    putF32(p.rowScales);
    const q = p.weights as Int8Array;
    out.set(new Uint8Array(q.buffer, q.byteOffset, q.length), o);
    o += pad4(q.length);
  } else putF32(p.weights as Float32Array);
  view.setUint32(o, crc32(out.subarray(0, o)), true);
  return out;
}

export function deserializeModel(bytes: Uint8Array): Classifier {
  if (!(bytes instanceof Uint8Array)) throw new Error('deserializeModel: expected a Uint8Array');
  if (bytes.length < 16) throw new Error(`deserializeModel: truncated artifact (${bytes.length} bytes)`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC[i]) throw new Error('deserializeModel: bad magic bytes (not a Callsight classifier artifact)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== ARTIFACT_FORMAT_VERSION) {
    throw new Error(`deserializeModel: unsupported artifact format version ${version} (this engine reads version ${ARTIFACT_FORMAT_VERSION})`);
  }
  const hlen = view.getUint32(8, true);
  if (12 + hlen + 4 > bytes.length) throw new Error('deserializeModel: truncated artifact (header)');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + hlen)));
  } catch {
    throw new Error('deserializeModel: corrupt header (checksum or encoding error)');
  }
  if (header?.format !== 'callsight-classifier' || !Array.isArray(header.labels) || !Number.isInteger(header.rows) || header.rows < 0) {
    throw new Error('deserializeModel: corrupt header');
  }
  const L = header.labels.length;
  const rows = header.rows;
  const q8 = header.weightEncoding === 'q8';
  if (!q8 && header.weightEncoding !== 'f32') throw new Error(`deserializeModel: unknown weight encoding ${header.weightEncoding}`);
  const weightBytes = q8 ? rows * 4 + pad4(rows * L) : rows * L * 4;
  const expected = 12 + pad4(hlen) + rows * 8 + L * 4 + weightBytes + 4;
  if (bytes.length < expected) throw new Error(`deserializeModel: truncated artifact (${bytes.length} of ${expected} bytes)`);
  if (bytes.length > expected) throw new Error(`deserializeModel: ${bytes.length - expected} unexpected trailing bytes`);
  const body = expected - 4;
  if (crc32(bytes.subarray(0, body)) !== view.getUint32(body, true)) throw new Error('deserializeModel: checksum mismatch (artifact is corrupted)');

  let o = 12 + pad4(hlen);
  // Little-endian platforms copy the bytes as they are (`bytes` may be a Buffer, whose slice() is not a copy, and
  // need not be 4-byte aligned in its buffer: copy into the new array's own buffer).
  const copy = <T extends Int32Array | Float32Array>(a: T): T => {
    new Uint8Array(a.buffer).set(bytes.subarray(o, o + a.byteLength));
    o += a.byteLength;
    return a;
  };
  const getI32 = (n: number) => {
    if (LITTLE_ENDIAN) return copy(new Int32Array(n));
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++, o += 4) a[i] = view.getInt32(o, true);
    return a;
  };
  const getF32 = (n: number) => {
    if (LITTLE_ENDIAN) return copy(new Float32Array(n));
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++, o += 4) a[i] = view.getFloat32(o, true);
    return a;
  };
  const buckets = getI32(rows);
  const idf = getF32(rows);
  const bias = getF32(L);
  let weights: Float32Array | Int8Array;
  let rowScales: Float32Array | undefined;
  if (q8) {
    rowScales = getF32(rows);
    weights = new Int8Array(rows * L);
    weights.set(new Int8Array(bytes.buffer, bytes.byteOffset + o, rows * L));
  } else weights = getF32(rows * L);
  for (let r = 1; r < rows; r++) if (buckets[r]! <= buckets[r - 1]!) throw new Error('deserializeModel: corrupt bucket table');
  validateFeatureSpec(header.featureSpec);
  return new Classifier({
    labels: header.labels,
    multiLabel: header.multiLabel,
    featureSpec: header.featureSpec,
    buckets, idf, weights, bias, rowScales,
    temperature: header.temperature,
    prior: Float32Array.from(header.prior ?? []),
    blockWeights: header.blockWeights,
  });
}
