import { EntityType } from '../entities/entity-types';
import { LogKind } from '../logs/log-record';

/** One gold entity mention: a whole field value, or a span inside a field value or a line. */
export interface GoldMention {
  /** JSON field path (structured records) or column name (VPC flow lines). */
  readonly field?: string;
  /** Offsets inside the field value (when the entity is part of it) or inside the line (text, VPC flow). */
  readonly start?: number;
  readonly end?: number;
  readonly entity_type: EntityType;
  readonly entity_id: string;
}

/** Gold annotations of one generated record. */
export interface GoldRecord {
  readonly log_id: string;
  readonly kind: LogKind;
  /** File name inside the output folder. */
  readonly file: string;
  readonly line?: number;
  readonly mentions: readonly GoldMention[];
  /** `generator` when the generator placed every entity itself; `schema` for events it did not write (attacks). */
  readonly gold_source: 'generator' | 'schema';
}

/** Collects gold mentions while a record is built. */
export class GoldCollector {
  readonly mentions: GoldMention[] = [];

  /** Marks a whole field value and returns it. */
  field<T extends string>(path: string, type: EntityType, value: T, entityId: string = value): T {
    this.mentions.push({ field: path, entity_type: type, entity_id: entityId });
    return value;
  }

  /** Marks spans of a composed string and returns the string. */
  spans(path: string | undefined, built: SpannedText): string {
    for (const s of built.spans) {
      this.mentions.push({
        ...(path !== undefined ? { field: path } : {}),
        start: s.start,
        end: s.end,
        entity_type: s.type,
        entity_id: s.id,
      });
    }
    return built.text;
  }
}

/** Text with typed entity spans. */
export interface SpannedText {
  readonly text: string;
  readonly spans: readonly {
    readonly start: number;
    readonly end: number;
    readonly type: EntityType;
    readonly id: string;
  }[];
}

/** Builds a string piece by piece, recording where entities are. */
export class SpanBuilder {
  private text = '';
  private readonly spans: { start: number; end: number; type: EntityType; id: string }[] = [];

  add(text: string): this {
    this.text += text;
    return this;
  }

  entity(text: string, type: EntityType, id: string = text): this {
    this.spans.push({ start: this.text.length, end: this.text.length + text.length, type, id });
    this.text += text;
    return this;
  }

  build(): SpannedText {
    return { text: this.text, spans: [...this.spans] };
  }
}
