/**
 * A value created on first use and shared afterwards (one creation in
 * flight at a time); a creation that fails is attempted again on the next
 * call. For SDK clients only some invocations need: their modules and
 * construction stay out of the cold start.
 */
export function lazy<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= create().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
