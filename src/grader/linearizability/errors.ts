/** A history the checker cannot read: names the operation (its position in the history) and what is wrong. */
export class HistoryError extends Error {
  override name = 'HistoryError';
  constructor(
    /** The operation's position in the history given to the checker. */
    readonly operation: number,
    message: string,
  ) {
    super(message);
  }
}
