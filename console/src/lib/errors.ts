/** What the console shows of a failed call: AWS's error code and message as the service sent them. */
export interface ShownError {
  code: string;
  message: string;
}

export function shownError(err: unknown): ShownError {
  if (err instanceof Error) {
    const code = err.name && err.name !== 'Error' ? err.name : 'Error';
    // The SDK fills an empty AWS message with "UnknownError"; say nothing rather than something misleading.
    const message = err.message === 'UnknownError' ? '' : err.message;
    return { code, message: message || describeNetworkFailure(err) };
  }
  return { code: 'Error', message: String(err) };
}

function describeNetworkFailure(err: Error): string {
  return err.name === 'TypeError' ? 'The server could not be reached.' : '';
}

/** AWS answers an operation a service does not have with these codes (JSON and Query protocols). */
export function isUnknownOperation(err: unknown): boolean {
  return err instanceof Error && (err.name === 'UnknownOperationException' || err.name === 'InvalidAction');
}

export function errorCode(err: unknown): string {
  return err instanceof Error ? err.name : '';
}
