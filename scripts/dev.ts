import { spawn } from 'node:child_process';

/** `npm run dev`: the portal on PORTAL_PORT (8081) and Vite with hot reload, proxying /api to it. */
const portalPort = process.env.PORTAL_PORT ?? '8081';
const children = [
  spawn(
    process.execPath,
    [
      '--optimize-for-size',
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      portalPort,
      ...process.argv.slice(2),
    ],
    {
      stdio: 'inherit',
    },
  ),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], {
    stdio: 'inherit',
    env: { ...process.env, PORTAL_PORT: portalPort },
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
