// `npm test`: every check, in the order CI needs them, with one summary line at the end.
// First the preflight (scripts/preflight.mjs): Chromium, Firefox and the network namespace are there, or installed, or
// the run stops here with one line saying what is missing. Each step's output streams through; its test counts are
// read from the runner's own closing lines.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { main as preflight } from './preflight.mjs';

const steps = [
  { name: 'typecheck', command: 'npm run --silent typecheck' },
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'tools', command: 'npm run --silent test:tools' },
  { name: 'component', command: 'npm run --silent test:component' },
  { name: 'component (Firefox)', command: 'npm run --silent test:component:firefox' },
  { name: 'sandbox', command: 'npm run --silent test:sandbox' },
  { name: 'build', command: 'npm run --silent build' },
  { name: 'size', command: 'npm run --silent test:size' },
  { name: 'e2e', command: 'npm run --silent test:e2e' },
];

/** Test counts from WTR ("N passed, N failed"), node:test ("# pass N") and Playwright ("N passed (…)"). */
function counts(output) {
  const text = stripAnsi(output);
  const last = (regex) => {
    const all = [...text.matchAll(regex)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  const wtr = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  if (wtr) return { passed: Number(wtr[1]), failed: Number(wtr[2]) };
  if (/^# pass \d+/m.test(text)) return { passed: last(/^# pass (\d+)/gm), failed: last(/^# fail (\d+)/gm) };
  return { passed: last(/^\s*(\d+) passed/gm), failed: last(/^\s*(\d+) failed/gm) };
}

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const ready = preflight([]);
if (ready !== 0) process.exit(ready);

const totals = { passed: 0, failed: 0 };
let failedStep;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const started = Date.now();
  const { code, output } = await run(step.command);
  const found = counts(output);
  totals.passed += found.passed;
  totals.failed += found.failed;
  console.log(
    `=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) {
    failedStep = step.name;
    // A failed step that reported no failing test (a crash, a type error) still counts as one failure.
    if (found.failed === 0) totals.failed += 1;
    break;
  }
}
console.log(failedStep ? `\nStopped at ${failedStep}.` : '\nAll steps passed.');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep ? 1 : 0);
