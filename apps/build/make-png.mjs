// Writes real PNG files (RGBA, zlib-deflated scanlines, CRC-checked chunks) with node:zlib only.
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes `pixel(x, y) → [r, g, b, a]` as a PNG of size×size. */
export function encodePng(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The app logo: a blue speech bubble with a white tick, scaled to `size`. */
export function logoPng(size) {
  const s = size / 64;
  const inBubble = (x, y) => {
    const rx = 4 * s,
      ry = 8 * s,
      w = 56 * s,
      h = 40 * s,
      r = 8 * s;
    const cx = Math.min(Math.max(x, rx + r), rx + w - r);
    const cy = Math.min(Math.max(y, ry + r), ry + h - r);
    if (x >= rx && x < rx + w && y >= ry && y < ry + h && (x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
    // tail triangle (18,48)-(18,60)-(32,48)
    const tx = x / s,
      ty = y / s;
    return ty >= 48 && ty <= 60 && tx >= 18 && tx <= 32 - (ty - 48) * (14 / 12);
  };
  const distToSeg = (px, py, ax, ay, bx, by) => {
    const dx = bx - ax,
      dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  };
  return encodePng(size, size, (x, y) => {
    const px = (x + 0.5) / s,
      py = (y + 0.5) / s;
    if (!inBubble(x + 0.5, y + 0.5)) return [0, 0, 0, 0];
    const tick = Math.min(distToSeg(px, py, 20, 28, 28, 36), distToSeg(px, py, 28, 36, 44, 20)) <= 3;
    return tick ? [255, 255, 255, 255] : [38, 128, 194, 255];
  });
}

/** Reads width/height from a PNG buffer (checks signature and IHDR); throws on anything else. */
export function pngSize(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 33 || !sig.every((b, i) => buf[i] === b) || buf.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  const crc = buf.readUInt32BE(29);
  if (crc32(buf.subarray(12, 29)) !== crc) throw new Error('PNG IHDR chunk has a bad CRC');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
