export function crc32(buf: Uint8Array): number;
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer;
export function logoPng(size: number): Buffer;
export function pngSize(buf: Buffer): { width: number; height: number };
