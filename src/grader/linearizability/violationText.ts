import type { Language, Template } from '../language';
import type { Violation } from './check';
import type { Model, ModelWords } from './model';
import { show, showZh } from './models/values';
import { processName } from './operation';

export interface ViolationParts<S> {
  model: Model<S>;
  /** What the search found; the sentence is what this builds. */
  violation: Omit<Violation<S>, 'explanation'>;
  /** A time in the language's words: `at 120 ms` or `on line 12`; `在 120 ms`. */
  at: (time: number, language: Language) => string;
}

/** The model's words in `language`, its English ones where it has no others. */
function wordsOf<S>(model: Model<S>, language: Language): ModelWords<S> {
  return language === 'en' ? model : (model.translations?.[language] ?? model);
}

/** One sentence on the operation no order can place: who ran it, when, and how far the longest order got. */
export const violationSentence: Template<ViolationParts<unknown>> = {
  en: ({ model, violation: { key, order, blocked, state }, at }) => {
    const completed = blocked.ret === Infinity ? 'outcome unknown' : `completed ${at(blocked.ret, 'en')}`;
    const onKey = key === undefined ? '' : ` on key ${show(key)}`;
    const count = `${order.length} operation${order.length === 1 ? '' : 's'}`;
    return (
      `${processName(blocked.process)}'s ${model.describe(blocked)} (invoked ${at(blocked.call, 'en')}, ${completed}) fits no order of the history${onKey}: ` +
      `after the longest consistent order found (${count}), ${model.describeState(state)}, and every other order was tried.`
    );
  },
  'zh-cn': ({ model, violation: { key, order, blocked, state }, at }) => {
    const words = wordsOf(model, 'zh-cn');
    const process = /^\d+$/.test(blocked.process) ? `进程 ${blocked.process}` : blocked.process;
    const completed = blocked.ret === Infinity ? '结局未知' : `${at(blocked.ret, 'zh-cn')} 完成`;
    const history = key === undefined ? '历史' : `键 ${showZh(key)} 的历史`;
    return (
      `${process} 的操作「${words.describe(blocked)}」（${at(blocked.call, 'zh-cn')} 调用，${completed}）无论排在${history}的哪个位置都说不通：` +
      `找到的最长一致顺序有 ${order.length} 个操作，按它执行完后，${words.describeState(state)}；其他每一种顺序也都试过了。`
    );
  },
};
