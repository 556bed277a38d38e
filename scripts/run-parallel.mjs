// Runs npm scripts at the same time and fails if any fails: `npm test`'s checks (typecheck, lint, the page build)
// are independent and each mostly single-threaded, so on CI's two cores they finish in the time of the longest.
// Each script's output is printed whole when it ends, so logs stay readable.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script>...');
  process.exit(2);
}

const run = (script) => new Promise((resolve) => {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  child.on('close', (code) => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`\n── ${script}: ${code === 0 ? 'ok' : `failed (exit ${String(code)})`} in ${String(seconds)} s\n`);
    process.stdout.write(Buffer.concat(chunks).toString('utf8').split('\n').filter((line) => !line.includes('Unknown user config')).join('\n'));
    resolve(code === 0);
  });
});

const results = await Promise.all(scripts.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
