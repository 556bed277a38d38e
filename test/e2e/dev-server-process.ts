import { spawn, type ChildProcess } from 'node:child_process';

export type DevServer = { base: string; stop(): void };

/** `npm start` as a user runs it: a real process on loopback (port 0: the OS picks a free one), in-memory storage. */
export async function startDevServer(): Promise<DevServer> {
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/local/dev-server.ts', '--memory'], {
    cwd: new URL('../../', import.meta.url),
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Ruleforge local: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.on('exit', (code) => { reject(new Error(`dev server exited with ${String(code)}: ${out}`)); });
  });
  return { base, stop: () => server.kill('SIGTERM') };
}
