/** Bad input from the person at the terminal: printed as one line, exit status 2, never a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { passed: 0, failed: 1, usage: 2, internal: 3, interrupted: 130 } as const;
