/**
 * `npm run nats:cluster`: three nats-servers on this machine forming a JetStream cluster, each
 * with a WebSocket listener on a free port; the agent stream and its durable at three replicas
 * (optionally seeded); prints NATS_WS_URL for the app. Flags: --seed <count>, --auth (viewer /
 * simulator / admin users, passwords printed), --size <n>. Ctrl-C stops everything.
 */
import { connect } from '@nats-io/transport-node';
import { startNatsCluster } from './cluster';
import { authorizationBlock, makeUsers } from './auth';
import { NatsServerMissingError } from './launcher';
import { setupAll } from '../simulator/setup';
import { backfill } from '../simulator/backfill';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}

async function main() {
  const size = Number(flag('size') ?? 3);
  const seed = Number(flag('seed') ?? 0);
  const users = flag('auth') !== undefined ? makeUsers() : null;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`--size must be a positive integer, got ${flag('size')}`);
  const cluster = await startNatsCluster({
    size,
    namePrefix: 'agent-replay',
    node: users ? { extraConfig: authorizationBlock(users) } : undefined,
  });
  const admin = users ? { user: users.admin.user, pass: users.admin.pass } : {};
  const nc = await connect({ servers: cluster.natsUrls, ...admin });
  const replicas = Math.min(3, size);
  const { stream } = await setupAll(nc, { replicas });
  if (seed > 0) {
    await backfill(nc, { count: seed, seed: 7, spanMs: 2 * 3600_000 });
  }
  await nc.drain();
  const ws = cluster.wsUrls.join(',');
  console.log(
    `[cluster] ${size} servers, stream "${stream.config.name}" at R${replicas}${seed ? `, ${seed} messages` : ''}`,
  );
  for (const n of cluster.nodes)
    console.log(`[cluster] ${n.name}: ${n.natsUrl} · ${n.wsUrl} · ${n.httpUrl}`);
  if (users) {
    for (const [role, u] of Object.entries(users))
      console.log(`[cluster] user ${role}: ${u.user} / ${u.pass}`);
  }
  console.log(`\nNATS_URL=${cluster.natsUrls.join(',')}`);
  console.log(`NATS_WS_URL=${ws}`);
  console.log(`\nStart the app with:  NATS_WS_URL=${ws} npm run start   (or npm run dev)`);
  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`[cluster] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof NatsServerMissingError ? 2 : 1);
});
