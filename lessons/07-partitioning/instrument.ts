import { StudentApiError, type Instrumentation } from '../../src/kernel';
import type { HashApi } from './contract';
import { ringHash } from './hashing';

/** Gives every process `ctx.hash`, the ring's hash function (see hashing.ts). */
export const hashApi: Instrumentation = {
  extendContext(node): HashApi {
    return {
      hash(text) {
        if (typeof text !== 'string') {
          throw new StudentApiError(`hash(${JSON.stringify(text)}) at ${node}: hash takes a string`);
        }
        return ringHash(text);
      },
    };
  },
};
