/** An error the engine's callers map to an answer: the API turns `code` into its HTTP status. */
export class EngineError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'unavailable' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
