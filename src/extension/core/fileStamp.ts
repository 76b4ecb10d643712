/** A moment as a file-name part that sorts in time order and is legal on every file system: 2024-05-01T12-30-05-123Z. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
