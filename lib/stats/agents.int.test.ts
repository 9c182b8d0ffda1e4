import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { agentLabel, agentStatusSubjects, readAgentNames } from './agents';
import { subjectRows } from './subjects';
import { readSubjectCounts } from './read';
import { capabilitiesOf } from '../nats/capabilities';

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

  it('names every agent in one multi_last request on 2.11+ (a get per agent before), the same names', async () => {
    const js = jetstream(nc);
    const caps = await capabilitiesOf(js);
    const subjects = new Map([
      [ADA, `names-direct.agent.status.${ADA}.online`],
      [BOB, `names-direct.agent.status.${BOB}.busy`],
      ['gone', `names-direct.agent.status.gone.offline`],
    ]);
    // Watch the direct gets sent (a plain subscriber sees each request; the stream answers).
    let requests = 0;
    // (nats.js sends a get by last subject as DIRECT.GET.<stream>.<subject>.)
    const watch = nc.subscribe('$JS.API.DIRECT.GET.names-direct', {
      callback: () => void requests++,
    });
    const watchBySubject = nc.subscribe('$JS.API.DIRECT.GET.names-direct.>', {
      callback: () => void requests++,
    });
    const viaJs = await readAgentNames(jsm, 'names-direct', subjects, true, js);
    await nc.flush();
    watch.unsubscribe();
    watchBySubject.unsubscribe();
    const perAgent = await readAgentNames(jsm, 'names-direct', subjects, true);
    expect(viaJs).toEqual(perAgent);
    expect(viaJs.map(agentLabel).sort()).toEqual(['11223344…', 'Ada · Backend developer', 'gone']);
    // 2.9/2.10 have no multi_last: one get per agent, as before.
    expect(requests, caps.version).toBe(caps.multiLast ? 1 : 3);
  });

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
