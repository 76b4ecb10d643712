import { readdirSync, readFileSync } from 'node:fs';
import { gradeExercise, loadStudentModule } from './src/grader';
import { exercises } from './lessons/catalog';
import { alternativeSolutions, buggyVariants, referenceSolution } from './test/exercises/solutions';
import { applyPatch } from './test/exercises/applyPatch';
const [id, mode] = process.argv.slice(2);
const ex = exercises.find((e) => e.id === id)!;
const ref = referenceSolution(id!);
const hunt = readdirSync(`/tmp/hunt/${id}`).filter((f) => f.endsWith('.patch')).map((f) => ({ name: 'hunt:' + f.replace('.patch', ''), file: f.replace('.patch', '.ts'), source: (() => { try { return applyPatch(ref.source, readFileSync(`/tmp/hunt/${id}/${f}`, 'utf8')); } catch { return ''; } })() })).filter((v) => v.source !== '');
const all = mode === 'hunt' ? hunt : mode === 'ok' ? [ref, ...alternativeSolutions(id!)] : [ref, ...alternativeSolutions(id!), ...buggyVariants(id!), ...hunt];
for (const v of all) {
  const r = gradeExercise(ex, loadStudentModule(v.source, v.file), v.file, { shrink: false, ...(mode === 'ok' ? { thorough: true } : {}) });
  const fails = r.scenarios.filter((s) => !s.passed);
  console.log(fails.length === 0 ? 'FULL' : '    ', v.name, `${r.score}/${r.maxScore}`, fails.slice(0, 4).map((s) => `${s.name}:${s.failure!.checker}@${s.failure!.seed}`).join(' '));
  if (v.name === 'reference' || !v.name.includes('-') || process.env.SHOW) for (const s of fails.slice(0, 1)) console.log('      ', s.failure!.explanation.slice(0, 400));
}
