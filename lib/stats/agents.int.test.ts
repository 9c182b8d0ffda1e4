import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { agentLabel, agentStatusSubjects, readAgentNames } from './agents';
import { subjectRows } from './subjects';
import { readSubjectCounts } from './read';

const ADA = '0f1e2d3c-4b5a-4978-8877-665544332211';
const BOB = '11223344-5566-4778-8899-aabbccddeeff';

describe('agent names read from the stream', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    for (const [name, direct] of [
      ['names-direct', true],
      ['names-api', false],
    ] as const) {
      await jsm.streams.add({ name, subjects: [`${name}.>`], allow_direct: direct });
    }
    // Each stream gets the same agents (subjects prefixed by the stream name, so they do not overlap).
    for (const s of ['names-direct', 'names-api']) {
      await js.publish(
        `${s}.agent.status.${ADA}.online`,
        JSON.stringify({
          agent_id: ADA,
          agent_name: 'Ada',
          agent_role: 'old_role',
          status: 'online',
        }),
      );
      await js.publish(
        `${s}.agent.status.${ADA}.online`,
        JSON.stringify({
          agent_id: ADA,
          agent_name: 'Ada',
          agent_role: 'backend_developer',
          status: 'online',
        }),
      );
      await js.publish(`${s}.agent.status.${BOB}.busy`, 'not json');
    }
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  for (const [stream, direct] of [
    ['names-direct', true],
    ['names-api', false],
  ] as const) {
    it(`names agents by their last status event (${direct ? 'direct get' : 'STREAM.MSG.GET'}), leaves the others as ids`, async () => {
      const counts = await readSubjectCounts(jsm, stream);
      // Strip the stream prefix so the rows look like the contract's subjects.
      const rows = subjectRows(counts).map((r) => ({
        ...r,
        subject: r.subject.slice(stream.length + 1),
      }));
      const subjects = agentStatusSubjects(rows, [ADA, BOB, 'gone']);
      expect(subjects.size).toBe(2);
      const prefixed = new Map([...subjects].map(([id, s]) => [id, `${stream}.${s}`]));
      const names = await readAgentNames(jsm, stream, prefixed, direct);
      expect(names.map(agentLabel).sort()).toEqual(['11223344…', 'Ada · Backend developer']);
    });
  }

  it('leaves an agent unnamed when its subject holds no message', async () => {
    const names = await readAgentNames(
      jsm,
      'names-api',
      new Map([[ADA, `names-api.agent.status.${ADA}.offline`]]),
      false,
    );
    expect(names).toEqual([{ id: ADA, name: null, role: null }]);
  });
});
