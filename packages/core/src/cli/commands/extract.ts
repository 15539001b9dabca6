import { createReadStream, createWriteStream, existsSync, statSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EntityMention } from '../../entities/entity-mention';
import { extractEntities } from '../../entities/extract';
import { UsageError } from '../../errors';
import { LogKind, RejectedRecord, formatRejectedRecord } from '../../logs/log-record';
import { newReadStats, readLogBatches } from '../../logs/read-logs';
import { NerTagger } from '../../ner/tagger';
import { Command } from '../command';
import { BufferedOutput, ExitCode, println } from '../io';

const KINDS = ['auto', 'cloudtrail', 'vpcflow', 'text'] as const;

function tableRow(m: EntityMention): string {
  const where = `${m.source}${m.line !== undefined ? `:${m.line}` : ''}${m.index !== undefined ? `#${m.index}` : ''}`;
  const field = `${m.field ?? ''}${m.start !== undefined ? `@${m.start}-${m.end}` : ''}`;
  return `${m.entity_type.padEnd(18)} ${m.entity_id.padEnd(60)} ${where} ${field}${m.flags.length ? ` [${m.flags.join(',')}]` : ''}\n`;
}

/** `aad extract`: entities of log files, one JSON line per mention. */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'Extract entities (ARNs, IPs, account ids, keys, EC2/KMS/S3 ids) from logs',
  help: `Usage: aad extract [FILES…|-] [options]

Streams each input (a path, or - for stdin; .gz detected by content) and
writes one JSON line per entity mention to stdout. The input kind is detected
per file: CloudTrail log files ({"Records":[…]}), JSON Lines (CloudTrail
events, EventBridge envelopes, other JSON), VPC Flow Logs (v2, or a header
line naming v3-v5 fields) or free text.

Options:
  --format jsonl|table   output format (default jsonl)
  --kind KIND            force the input kind: auto, cloudtrail, vpcflow, text (default auto)
  --errors FILE          write rejected records there as JSON lines (default: stderr)
  --model FILE           tagger model (default: the bundled models/ner-tagger.json)
  --no-tagger            recognizers and field rules only

Mention fields: entity_id, entity_type, log_id, source, line/index, field
(JSON path or flow log column), start/end (offsets into the field value or
line), text, flags, method, detail. Secret keys are never output.

A summary is printed on stderr; progress too when stderr is a terminal.
Exit codes: 0 every record parsed, 3 some records were rejected (reported
with file, line or record index and reason), 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        kind: { type: 'string' },
        errors: { type: 'string' },
        model: { type: 'string' },
        'no-tagger': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'table') {
      throw new UsageError(`\`--format\` must be jsonl or table, received ${format}`);
    }
    const kind = (values.kind ?? 'auto') as (typeof KINDS)[number];
    if (!KINDS.includes(kind)) {
      throw new UsageError(`\`--kind\` must be one of ${KINDS.join(', ')}, received ${values.kind}`);
    }
    const inputs = positionals.length > 0 ? positionals : ['-'];
    for (const input of inputs) {
      if (input === '-') continue;
      const path = resolve(io.cwd, input);
      if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`no such file: ${input}`);
    }
    const tagger = values['no-tagger']
      ? undefined
      : NerTagger.load(values.model ? resolve(io.cwd, values.model) : undefined);
    let errorsFile: WriteStream | undefined;
    if (values.errors) errorsFile = createWriteStream(resolve(io.cwd, values.errors));
    const onReject = (r: RejectedRecord): void => {
      if (errorsFile) errorsFile.write(`${JSON.stringify(r)}\n`);
      else println(io.stderr, `rejected: ${formatRejectedRecord(r)}`);
    };
    const out = new BufferedOutput(io.stdout);
    const stats = newReadStats();
    let mentions = 0;
    const started = Date.now();
    let lastProgress = started;
    for (const input of inputs) {
      const source = input === '-' ? '-' : input;
      const path = input === '-' ? '-' : resolve(io.cwd, input);
      const batches = readLogBatches(
        path === '-' ? '-' : { source, data: createReadStream(path, { highWaterMark: 1024 * 1024 }) },
        {
          kind: kind as LogKind | 'auto',
          onReject,
          stats,
          stdin: io.stdin,
        },
      );
      for await (const batch of batches) {
        // One string and one (back-pressured) write per batch of records.
        let text = '';
        for (const record of batch) {
          const found = extractEntities(record, { tagger });
          mentions += found.length;
          for (const m of found) text += format === 'jsonl' ? `${JSON.stringify(m)}\n` : tableRow(m);
        }
        await out.write(text);
        if (io.stderrIsTTY) {
          const now = Date.now();
          if (now - lastProgress > 1000 && now - started > 3000) {
            lastProgress = now;
            io.stderr.write(
              `\r${source}: ${stats.records} records, ${mentions} mentions, ${(stats.bytes / 1e6).toFixed(0)} MB…`,
            );
          }
        }
      }
    }
    await out.flush();
    if (errorsFile) await new Promise<void>((r) => errorsFile.end(() => r()));
    if (io.stderrIsTTY && Date.now() - started > 3000) io.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    println(
      io.stderr,
      `${stats.records} records, ${mentions} mentions, ${stats.rejected} rejected from ${inputs.length} input(s) in ${seconds.toFixed(1)} s${stats.rejected > 0 && values.errors ? ` (rejections in ${values.errors})` : ''}`,
    );
    return stats.rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  },
};
