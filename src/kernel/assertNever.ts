/**
 * The default branch of a switch that handles every kind: it compiles only while no kind is left
 * over, so adding a fault or event kind fails to compile wherever that kind must be handled.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
