import type { Model } from '../model';
import { kvModel } from './kv';
import { queueModel } from './queue';
import { casRegisterModel, registerModel } from './register';

/** Every model by name, as `--model` takes them. */
export const models: Readonly<Record<string, Model<unknown>>> = {
  register: registerModel,
  'cas-register': casRegisterModel,
  kv: kvModel,
  queue: queueModel,
};
