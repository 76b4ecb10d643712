import type { GradeReport } from '../grade';

/** JUnit XML: one suite per exercise, one test case per scenario, for CI dashboards. */
export function formatJUnit(report: GradeReport): string {
  const failures = report.scenarios.filter((s) => !s.passed).length;
  const cases = report.scenarios.map((s) => {
    const open = `    <testcase classname="${xml(report.exercise)}" name="${xml(s.name)}">`;
    if (s.passed) return `${open}</testcase>`;
    const f = s.failure!;
    const body = [`seed ${f.seed}: ${f.explanation}`, f.stack ?? ''].filter(Boolean).join('\n');
    return `${open}\n      <failure message="${xml(`${f.property}: ${f.explanation}`)}" type="${xml(f.checker)}">${xml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="distsys" tests="${report.scenarios.length}" failures="${failures}">`,
    `  <testsuite name="${xml(report.exercise)}" tests="${report.scenarios.length}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
// eslint-disable-next-line no-control-regex -- XML 1.0 has no way to write these control characters
const unwritable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => entities[c] as string).replace(unwritable, '\ufffd');
}
