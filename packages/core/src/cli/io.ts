import { Readable, Writable } from 'node:stream';

/** Everything a command touches outside itself, so tests run it in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory relative paths resolve against. */
  readonly cwd: string;
  /** True when stderr is a terminal (progress is shown only then). */
  readonly stderrIsTTY: boolean;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** Exit codes of every `aad` command. */
export const ExitCode = {
  /** Everything ran and every record parsed. */
  OK: 0,
  /** The command ran and its check failed (e.g. a quality gate). */
  FAILED: 1,
  /** Wrong usage: unknown command or option, missing argument. */
  USAGE: 2,
  /** The command ran but some records were rejected (reported and counted). */
  PARTIAL: 3,
} as const;

/** Writes a line to a stream. */
export function println(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

/**
 * Output written in 64 KiB chunks that waits for `drain` when the stream's
 * buffer is full, so a fast producer never queues a whole run in memory.
 * Call `flush()` at the end.
 */
export class BufferedOutput {
  private buffer = '';
  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const data = this.buffer;
    this.buffer = '';
    if (!this.stream.write(data)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
}
