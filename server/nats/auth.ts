/**
 * Least-privilege users for nats-server: a read-only `viewer` (exactly what agent-replay
 * needs), a `simulator` that may publish Agent Squad traffic and set up the stream, and an
 * `admin`. `authorizationBlock()` renders them as nats-server config text, for
 * startNatsServer({ extraConfig }) and for docs/hardening.md.
 */
import { randomBytes } from 'node:crypto';
import { CONSUMER_NAME } from '../../lib/agents/schema';
import { advisoryCaptureSubjects } from '../../lib/stats/advisories';

export type Permissions = {
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[]; deny?: string[] };
};

/**
 * What the app does over NATS, and nothing more: JetStream account/stream/consumer info,
 * create + delete its own ephemeral ordered consumers and pull from them, direct get and
 * STREAM.MSG.GET, replies on `_INBOX.>`, dead-letter advisories. No publish on agent subjects, no purge, no
 * stream/message delete, no acks. `streams` narrows it to named streams ("*" = any).
 * Durable consumers of the workers (`protectDurables`) may be read (info) but never
 * created, changed, deleted or pulled from — a viewer must not steal the workers' messages.
 */
export function viewerPermissions(
  opts: { streams?: string[]; protectDurables?: string[] } = {},
): Permissions {
  const streams = opts.streams ?? ['*'];
  const durables = opts.protectDurables ?? [CONSUMER_NAME];
  const allow = ['$JS.API.INFO', '$JS.API.STREAM.NAMES', '$JS.API.STREAM.LIST'];
  for (const s of streams) {
    allow.push(
      `$JS.API.STREAM.INFO.${s}`,
      `$JS.API.CONSUMER.NAMES.${s}`,
      `$JS.API.CONSUMER.LIST.${s}`,
      `$JS.API.CONSUMER.INFO.${s}.*`,
      // Ordered consumers: CREATE.<stream>.<name>[.<filter>], pull, delete when done.
      `$JS.API.CONSUMER.CREATE.${s}.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${s}.*`,
      `$JS.API.CONSUMER.DELETE.${s}.*`,
      `$JS.API.DIRECT.GET.${s}`,
      `$JS.API.DIRECT.GET.${s}.>`,
      `$JS.API.STREAM.MSG.GET.${s}`,
    );
  }
  const deny: string[] = [];
  for (const d of durables) {
    deny.push(
      `$JS.API.CONSUMER.CREATE.*.${d}`,
      `$JS.API.CONSUMER.CREATE.*.${d}.>`,
      `$JS.API.CONSUMER.DELETE.*.${d}`,
      `$JS.API.CONSUMER.MSG.NEXT.*.${d}`,
    );
  }
  // Replies, plus the live advisories the stats page listens to (dead letters; consumer pause /
  // pin / unpin and abandoned batches on 2.11+ servers) and the stream deleted/created
  // advisories that tell /messages its stream changed (lib/stream/stream-watch.ts).
  const sub = ['_INBOX.>'];
  for (const s of streams) {
    sub.push(...advisoryCaptureSubjects(s));
    sub.push(`$JS.EVENT.ADVISORY.STREAM.DELETED.${s}`, `$JS.EVENT.ADVISORY.STREAM.CREATED.${s}`);
  }
  return { publish: { allow, ...(deny.length ? { deny } : {}) }, subscribe: { allow: sub } };
}

/** Publishes Agent Squad traffic, creates the stream and durable, acks as a worker. */
export function simulatorPermissions(): Permissions {
  return {
    publish: { allow: ['agent.>', '$JS.API.>', '$JS.ACK.>', '_INBOX.>'] },
    subscribe: { allow: ['_INBOX.>', 'agent.>'] },
  };
}

export type UserSecret = { user: string; pass: string };
export type AuthUsers = { viewer: UserSecret; simulator: UserSecret; admin: UserSecret };

/** Users with random passwords, or the given ones. */
export function makeUsers(given: Partial<AuthUsers> = {}): AuthUsers {
  const pw = () => randomBytes(18).toString('base64url');
  return {
    viewer: given.viewer ?? { user: 'viewer', pass: pw() },
    simulator: given.simulator ?? { user: 'simulator', pass: pw() },
    admin: given.admin ?? { user: 'admin', pass: pw() },
  };
}

function q(s: string): string {
  // nats-server config strings: JSON quoting is accepted and escapes safely.
  return JSON.stringify(s);
}

function renderPerms(p: Permissions): string {
  const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;
  const side = (s: { allow: string[]; deny?: string[] }) =>
    `{ allow: ${list(s.allow)}${s.deny?.length ? `, deny: ${list(s.deny)}` : ''} }`;
  return `{ publish: ${side(p.publish)}, subscribe: ${side(p.subscribe)} }`;
}

export type AuthBlockOptions = {
  /** Extra viewers authenticated by NKey public key (U…), with viewer permissions. */
  viewerNkeys?: string[];
  /** Streams the viewer may read ("*" = any, the default). */
  streams?: string[];
  protectDurables?: string[];
  /** More users with their own permissions (tests of partial permissions). */
  extraUsers?: (UserSecret & { permissions: Permissions })[];
};

/** nats-server `authorization { users: [...] }` text for the three roles. */
export function authorizationBlock(users: AuthUsers, opts: AuthBlockOptions = {}): string {
  const viewer = renderPerms(viewerPermissions(opts));
  const sim = renderPerms(simulatorPermissions());
  const lines = [
    'authorization {',
    '  users: [',
    `    { user: ${q(users.viewer.user)}, password: ${q(users.viewer.pass)}, permissions: ${viewer} }`,
    ...(opts.viewerNkeys ?? []).map((k) => `    { nkey: ${q(k)}, permissions: ${viewer} }`),
    `    { user: ${q(users.simulator.user)}, password: ${q(users.simulator.pass)}, permissions: ${sim} }`,
    ...(opts.extraUsers ?? []).map(
      (u) =>
        `    { user: ${q(u.user)}, password: ${q(u.pass)}, permissions: ${renderPerms(u.permissions)} }`,
    ),
    `    { user: ${q(users.admin.user)}, password: ${q(users.admin.pass)} }`,
    '  ]',
    '}',
  ];
  return lines.join('\n');
}

/**
 * The permission-violation lines of a nats-server log. 2.9 logs them as
 * `Publish Violation - User "viewer", Subject "…"` (and `Subscription Violation`); the client
 * receives `Permissions Violation for Publish to "…"`. Both forms are matched.
 */
export function permissionViolations(log: string): string[] {
  return log
    .split('\n')
    .filter((l) => /(Publish|Subscription) Violation|Permissions? Violation/i.test(l));
}

/**
 * Whether a server log line is about `user`: 2.9–2.11 write `User "viewer"`, 2.12+ write the
 * account and user as `"$G/user:viewer"`.
 */
export function logLineOfUser(line: string, user: string): boolean {
  return line.includes(`User "${user}"`) || line.includes(`/user:${user}"`);
}
