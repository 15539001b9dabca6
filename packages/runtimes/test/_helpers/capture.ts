/** Captures everything written to stdout and stderr (Powertools Logger and EMF metrics) while active. */
export interface OutputCapture {
  readonly lines: () => string[];
  /** Parsed JSON lines (non-JSON lines are skipped). */
  readonly json: () => Record<string, unknown>[];
  /** Sum of an EMF metric across all flushed metric blobs. */
  readonly metric: (name: string) => number;
  restore(): void;
}

export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const lines = (): string[] =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '');
  const json = (): Record<string, unknown>[] =>
    lines().flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    lines,
    json,
    metric: (name) =>
      json()
        .filter((j) => '_aws' in j && name in j)
        .reduce(
          (n, j) => n + (Array.isArray(j[name]) ? (j[name] as number[]).reduce((a, b) => a + b, 0) : Number(j[name])),
          0,
        ),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
