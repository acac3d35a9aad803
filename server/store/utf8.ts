/**
 * UTF-8 checks for files read piece by piece: where a piece can be cut without splitting a
 * character, and where the first invalid byte is, so that an error names the row it is in.
 */

/** The length of `bytes` without a character cut short at its end (which belongs to the next piece). */
export function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return n;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? n - back : n;
  }
  return n;
}

/** Continuation bytes of a lead byte, and the range its first continuation must fall in (RFC 3629). */
function sequenceOf(lead: number): { extra: number; low: number; high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { extra: 1, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { extra: 2, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { extra: 2, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { extra: 2, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { extra: 3, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { extra: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { extra: 3, low: 0x80, high: 0x8f };
  return null;
}

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const sequence = sequenceOf(lead);
    if (!sequence || i + sequence.extra >= bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < sequence.low || second > sequence.high) return i;
    for (let k = 2; k <= sequence.extra; k++) {
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += sequence.extra + 1;
  }
  return -1;
}
