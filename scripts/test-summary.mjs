// Prints one closing line, "N passed, N failed, N skipped", over the Vitest JSON report and every .NET trx file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
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
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
