// The message of anything thrown or rejected: an Error, a JSON-RPC ResponseError-like object, or a value.
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
