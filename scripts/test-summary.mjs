// Prints one closing line, "N passed, N failed, N skipped", over the Vitest JSON report and every .NET trx file.
// Runner exit statuses follow the directory: a runner that failed outside any counted test (a class cleanup error,
// a crashed test host) counts as one failure, so the line never reads "0 failed" for a red run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...statuses] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'utf8');
  if (name.endsWith('.json')) {
    const report = JSON.parse(text);
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else if (name.endsWith('.trx')) {
    const counters = /<Counters\b([^>]*)\/>/.exec(text)?.[1] ?? '';
    const count = (key) => Number(new RegExp(`\\b${key}="(\\d+)"`).exec(counters)?.[1] ?? 0);
    passed += count('passed');
    failed += count('failed') + count('error') + count('timeout') + count('aborted');
    skipped += count('notExecuted');
  }
}
const runnerErrors = statuses.filter((status) => status !== '0').length;
if (failed === 0 && runnerErrors > 0) {
  console.log('A test runner failed outside the counted tests; see its output above.');
  failed = runnerErrors;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
