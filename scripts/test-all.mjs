// `npm test`: every check, in the order CI needs them, with one summary line at the end.
// First the preflight (scripts/preflight.mjs): Chromium, Firefox and the network namespace are there, or installed, or
// the run stops here with one line saying what is missing. Each step's output streams through; its test counts are
// read from the runner's own closing lines.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { main as preflight } from './preflight.mjs';

// A step with `alongside` runs those other steps at the same time, one after another (2 cores: one browser step beside
// mostly-Node work, or a short browser step), their output held back and printed whole as each ends, so nothing
// interleaves. A failed step stops the run once its whole row has ended.
const steps = [
  {
    name: 'lint',
    command: 'npm run --silent lint',
    alongside: [
      { name: 'typecheck', command: 'npm run --silent typecheck' },
      { name: 'tools', command: 'npm run --silent test:tools' },
      // The example and the size tests pack dist/, so the build comes first; it is 6 s.
      { name: 'build', command: 'npm run --silent build' },
    ],
  },
  {
    name: 'component',
    command: 'npm run --silent test:component',
    alongside: [
      { name: 'example', command: 'npm run --silent test:example' },
      { name: 'e2e (studio)', command: 'npm run --silent test:e2e -- --project=demo' },
    ],
  },
  {
    name: 'sandbox',
    command: 'npm run --silent test:sandbox',
    alongside: [{ name: 'component (Firefox)', command: 'npm run --silent test:component:firefox' }],
  },
  {
    name: 'size',
    command: 'npm run --silent test:size',
    alongside: [{ name: 'e2e (Firefox)', command: 'npm run --silent test:e2e:firefox' }],
  },
  { name: 'e2e', command: 'npm run --silent test:e2e -- --project=e2e' },
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

/** Runs `command`; its output streams through, or with `hold` is printed whole at the end. */
function run(command, { hold = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!hold) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (!hold) process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      if (hold) process.stdout.write(output);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Runs one step and, at the same time, the steps alongside it in turn; prints each header and result line. */
async function runStep(step) {
  const timed = async (one, hold) => {
    const started = Date.now();
    const result = await run(one.command, { hold });
    return { step: one, ...result, seconds: (Date.now() - started) / 1000 };
  };
  const side = step.alongside ?? [];
  console.log(`\n=== ${step.name}: ${step.command}`);
  for (const other of side) console.log(`=== ${other.name}, alongside: ${other.command} (output when it ends)`);
  const main = timed(step, false);
  const sideResults = (async () => {
    const results = [];
    for (const other of side) {
      const result = await timed(other, true);
      results.push(result);
      if (result.code !== 0) break;
    }
    return results;
  })();
  const results = [await main, ...(await sideResults)];
  for (const { step: one, code, seconds } of results) {
    console.log(`=== ${one.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`);
  }
  return results;
}

const ready = preflight([]);
if (ready !== 0) process.exit(ready);

const totals = { passed: 0, failed: 0 };
let failedStep;
for (const step of steps) {
  for (const { step: one, code, output } of await runStep(step)) {
    const found = counts(output);
    totals.passed += found.passed;
    totals.failed += found.failed;
    if (code !== 0) {
      failedStep = failedStep ? `${failedStep} and ${one.name}` : one.name;
      // A failed step that reported no failing test (a crash, a type error) still counts as one failure.
      if (found.failed === 0) totals.failed += 1;
    }
  }
  if (failedStep) break;
}
console.log(failedStep ? `\nStopped at ${failedStep}.` : '\nAll steps passed.');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep ? 1 : 0);
