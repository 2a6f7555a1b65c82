/** Why a document was refused. Never retryable: the same input fails the same way. */
export type InvalidDocumentCode =
  'EMPTY' | 'TOO_LARGE' | 'BINARY' | 'INVALID_UTF8' | 'INVALID_PUBLISHED_AT' | 'INVALID_YEAR' | 'INVALID_PAYLOAD';

export class InvalidDocumentError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: InvalidDocumentCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidDocumentError';
  }
}

export const isInvalidDocumentError = (error: unknown): error is InvalidDocumentError =>
  error instanceof InvalidDocumentError;
