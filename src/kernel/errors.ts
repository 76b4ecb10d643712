/** A misuse of the student API, thrown inside the student's call so its stack points at their line. */
export class StudentApiError extends Error {
  override name = 'StudentApiError';
}
