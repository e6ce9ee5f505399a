/** Bit writer for hand-built bitstreams in tests: u(n), ue(v), se(v), RBSP trailing bits, EPB insertion. */
export class BitWriter {
  #bytes: number[] = [];
  #cur = 0;
  #n = 0;

  u(n: number, v: number): this {
    for (let i = n - 1; i >= 0; i--) this.bit(Math.floor(v / 2 ** i) & 1);
    return this;
  }
  bit(b: number): this {
    this.#cur = (this.#cur << 1) | (b & 1);
    if (++this.#n === 8) {
      this.#bytes.push(this.#cur);
      this.#cur = 0;
      this.#n = 0;
    }
    return this;
  }
  flag(b: boolean | number): this {
    return this.bit(b ? 1 : 0);
  }
  /** 9.1 Exp-Golomb ue(v). */
  ue(v: number): this {
    const x = v + 1;
    const len = Math.floor(Math.log2(x));
    this.u(len, 0);
    return this.u(len + 1, x);
  }
  /** 9.1.1 se(v): k > 0 → 2k − 1, k ≤ 0 → −2k. */
  se(v: number): this {
    return this.ue(v > 0 ? 2 * v - 1 : -2 * v);
  }
  /** 7.3.2.11 rbsp_trailing_bits(). */
  trailing(): this {
    this.bit(1);
    while (this.#n !== 0) this.bit(0);
    return this;
  }
  get bitLength(): number {
    return this.#bytes.length * 8 + this.#n;
  }
  /** The RBSP bytes (must be byte-aligned). */
  rbsp(): number[] {
    if (this.#n !== 0) throw new Error('not byte aligned');
    return [...this.#bytes];
  }
}

/** 7.4.1: inserts emulation_prevention_three_byte after every 00 00 followed by 00..03. */
export function escape(rbsp: number[]): number[] {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out;
}

/** An Annex B byte stream: 4-byte start codes before each NAL unit (header bytes + escaped RBSP). */
export function annexB(nals: number[][]): Uint8Array {
  const parts: number[] = [];
  for (const n of nals) {
    parts.push(0, 0, 0, 1);
    for (const b of n) parts.push(b);
  }
  return Uint8Array.from(parts);
}

/** The same NAL units with 4-byte big-endian length prefixes (ISO/IEC 14496-15). */
export function lengthPrefixed(nals: number[][], size: 1 | 2 | 4 = 4): Uint8Array {
  const parts: number[] = [];
  for (const n of nals) {
    for (let i = size - 1; i >= 0; i--) parts.push(Math.floor(n.length / 256 ** i) & 0xff);
    for (const b of n) parts.push(b);
  }
  return Uint8Array.from(parts);
}
