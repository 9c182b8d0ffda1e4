/**
 * Decentralized (JWT) auth for tests and demos: an operator, a system account, an app account
 * with JetStream, and users whose `.creds` files the app's "Creds file (JWT)" mode takes.
 * `operatorConfig()` renders nats-server operator mode with a MEMORY resolver preloaded with
 * the account JWTs (no nsc, no account server). nats-server 2.9 needs the system account.
 */
import {
  Algorithms,
  createAccount,
  createOperator,
  createUser,
  encodeAccount,
  encodeOperator,
  encodeUser,
  fmtCreds,
  type KeyPair,
  type User,
} from '@nats-io/jwt';
import type { Permissions } from './auth';

export type JwtUser = { name: string; publicKey: string; jwt: string; seed: string; creds: string };

export type JwtSetup = {
  operatorJwt: string;
  systemAccount: { publicKey: string; jwt: string };
  account: { publicKey: string; jwt: string };
  /** Users of the app account, by name. */
  users: Record<string, JwtUser>;
  /** The nats-server config text (operator mode, MEMORY resolver); for startNatsServer({ extraConfig }). */
  config: string;
};

const opts = { algorithm: Algorithms.v2 };
const dec = new TextDecoder();

/** A user JWT signed by `account`, with its `.creds` text (JWT block + seed block). */
export async function makeJwtUser(
  name: string,
  account: KeyPair,
  permissions?: Permissions,
): Promise<JwtUser> {
  const ukp = createUser();
  const claims: Partial<User> = permissions
    ? {
        pub: { allow: permissions.publish.allow, deny: permissions.publish.deny ?? [] },
        sub: { allow: permissions.subscribe.allow, deny: permissions.subscribe.deny ?? [] },
      }
    : {};
  const jwt = await encodeUser(name, ukp, account, claims, opts);
  return {
    name,
    publicKey: ukp.getPublicKey(),
    jwt,
    seed: dec.decode(ukp.getSeed()),
    creds: dec.decode(fmtCreds(jwt, ukp)),
  };
}

/**
 * Operator + system account + app account (JetStream unlimited) + the given users (name →
 * permissions; undefined = may do anything). Keys are fresh on every call.
 */
export async function makeJwtSetup(
  users: Record<string, Permissions | undefined>,
): Promise<JwtSetup> {
  const okp = createOperator();
  const sys = createAccount();
  const app = createAccount();
  const operatorJwt = await encodeOperator(
    'agent-replay-op',
    okp,
    { system_account: sys.getPublicKey() },
    opts,
  );
  const sysJwt = await encodeAccount('SYS', sys, {}, { ...opts, signer: okp });
  // JetStream is on for an account only when its JWT grants storage (-1 = unlimited). Limits
  // not given are 0 — no connections at all — so every one is spelled out.
  const limits = {
    subs: -1,
    data: -1,
    payload: -1,
    imports: -1,
    exports: -1,
    wildcards: true,
    conn: -1,
    leaf: -1,
    mem_storage: -1,
    disk_storage: -1,
    streams: -1,
    consumer: -1,
  };
  const appJwt = await encodeAccount('APP', app, { limits }, { ...opts, signer: okp });
  const out: Record<string, JwtUser> = {};
  for (const [name, perms] of Object.entries(users))
    out[name] = await makeJwtUser(name, app, perms);
  const config = [
    `operator: ${operatorJwt}`,
    `system_account: ${sys.getPublicKey()}`,
    'resolver: MEMORY',
    'resolver_preload: {',
    `  ${sys.getPublicKey()}: ${sysJwt}`,
    `  ${app.getPublicKey()}: ${appJwt}`,
    '}',
  ].join('\n');
  return {
    operatorJwt,
    systemAccount: { publicKey: sys.getPublicKey(), jwt: sysJwt },
    account: { publicKey: app.getPublicKey(), jwt: appJwt },
    users: out,
    config,
  };
}
