import assert from 'node:assert/strict';
import { exercises } from '../../lessons/catalog';
import { exerciseTitle, scenarioDescription } from '../../src/grader';

const chinese = /\p{Script=Han}/u;

describe('exercises in 简体中文', () => {
  for (const exercise of exercises) {
    it(`${exercise.id}: its title, every scenario's description and every checker's property have a Chinese form`, () => {
      assert.match(exerciseTitle(exercise, 'zh-cn'), chinese, `${exercise.id}: title`);
      const missing: string[] = [];
      for (const scenario of exercise.scenarios) {
        if (!chinese.test(scenarioDescription(scenario, 'zh-cn'))) missing.push(`scenario ${scenario.name}`);
        for (const checker of scenario.checkers) {
          const property = checker.translations?.['zh-cn']?.property;
          if (property === undefined || !chinese.test(property)) missing.push(`checker ${checker.name}`);
        }
      }
      assert.deepEqual([...new Set(missing)], []);
    });
  }
});
