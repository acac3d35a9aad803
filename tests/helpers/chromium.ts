/** Debian's Chromium, which every browser test drives (never a downloaded browser). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launch arguments: offline, no background traffic, and WebGL through SwiftShader for MapLibre. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];
