import { describe, expect, it } from 'vitest';
import { imageSize, mimetypeOf } from './media';

function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  bytes.writeUInt32BE(0x89504e47, 0);
  bytes.writeUInt32BE(0x0d0a1a0a, 4);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.write('GIF89a', 0, 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

/** SOI, an APP0 segment to skip, then a baseline SOF0 frame header. */
function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, ...new Array(9).fill(0)]);
}

describe('media', () => {
  it('names media types by extension', () => {
    expect(mimetypeOf('flag.SVG')).toBe('image/svg+xml');
    expect(mimetypeOf('cities1000.zip')).toBe('application/zip');
    expect(mimetypeOf('photo.jpeg')).toBe('image/jpeg');
    expect(mimetypeOf('data.unknown')).toBe('application/octet-stream');
  });

  it('reads the size of PNG, GIF and JPEG images from their headers', () => {
    expect(imageSize(png(640, 480), 'image/png')).toEqual({ width: 640, height: 480 });
    expect(imageSize(gif(16, 9), 'image/gif')).toEqual({ width: 16, height: 9 });
    expect(imageSize(jpeg(1024, 768), 'image/jpeg')).toEqual({ width: 1024, height: 768 });
    expect(imageSize(Buffer.from('not an image'), 'image/png')).toBeNull();
  });

  it('reads an SVG size from width/height, else from its viewBox', () => {
    const svg = (attributes: string) => Buffer.from(`<?xml version="1.0"?>\n<svg ${attributes}><g/></svg>`);
    expect(imageSize(svg('width="30" height="20px"'), 'image/svg+xml')).toEqual({ width: 30, height: 20 });
    expect(imageSize(svg('viewBox="0 0 640 480"'), 'image/svg+xml')).toEqual({ width: 640, height: 480 });
    expect(imageSize(svg("width='320' viewBox='0 0 640 480'"), 'image/svg+xml')).toEqual({
      width: 320,
      height: 240,
    });
    expect(imageSize(svg('width="100%" height="100%"'), 'image/svg+xml')).toBeNull();
  });
});
