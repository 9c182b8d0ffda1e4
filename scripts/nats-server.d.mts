// Types for scripts/nats-server.mjs (plain Node so it runs before `npm install`).
export type ResolvedServer = { bin: string; version: string | null; source: string };
type Opts = { build?: boolean; log?: (s: string) => void };
export const versions: { newest: string; matrix: string[]; natsCli: string };
export function cacheRoot(): string;
export function cachedServerPath(v: string): string;
export function cachedCliPath(v: string): string;
export function serverVersion(bin: string): string | null;
export function resolveServer(v: string, opts?: Opts): ResolvedServer | null;
export function defaultServer(opts?: Opts): ResolvedServer | null;
export function resolveNatsCli(opts?: Opts): string | null;
export function describeServer(s: ResolvedServer): string;
