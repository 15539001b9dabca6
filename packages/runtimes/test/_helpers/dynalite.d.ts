declare module 'dynalite' {
  import { Server } from 'node:http';
  interface DynaliteOptions {
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    readonly maxItemSizeKb?: number;
    readonly path?: string;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
