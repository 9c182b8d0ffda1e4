/**
 * Names for the "Messages by agent" chart: its keys are agent ids from status subjects
 * (agent.status.<agent_id>.<status>), opaque UUIDs to a reader. The last status event of an
 * agent carries its `agent_name` and `agent_role`; one get by subject per agent shown (no
 * consumer, read-only). Payloads that are not the seed's status events leave the id as is.
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { lastPerSubject } from '../browse/batch-get';
import { capabilitiesOf } from '../nats/capabilities';
import { shortId } from '../agents/roles';
import { roleLabel } from '../agents/schema';
import { parseAgentSubject, type SubjectRow } from './subjects';

export type AgentName = { id: string; name: string | null; role: string | null };

/** Name and role from a status event payload (tolerant: anything else gives nulls). */
export function agentNameFrom(id: string, data: Uint8Array | null): AgentName {
  if (!data) return { id, name: null, role: null };
  try {
    const p: unknown = JSON.parse(new TextDecoder().decode(data));
    if (!p || typeof p !== 'object') return { id, name: null, role: null };
    const o = p as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return { id, name: str(o.agent_name), role: str(o.agent_role) };
  } catch {
    return { id, name: null, role: null };
  }
}

/** "Ada · Backend developer", or the role, or a shortened id when the events name neither. */
export function agentLabel(a: AgentName): string {
  if (a.name && a.role) return `${a.name} · ${roleLabel(a.role)}`;
  if (a.name) return a.name;
  if (a.role) return `${roleLabel(a.role)} ${shortId(a.id)}`;
  return shortId(a.id);
}

/** Subjects one multi_last request may name (the server refuses more with 413). */
const MULTI_LAST_MAX = 1024;

/**
 * For each agent id, its name and role from the last message on one of its status subjects
 * (`subjectOf(id)`: an exact subject the counts listed). With `js` on nats-server 2.11+ and a
 * stream with allow_direct: one `multi_last` request for every agent; else (or when that
 * fails) one direct get per agent, or STREAM.MSG.GET without allow_direct; a failed read
 * leaves that agent unnamed.
 */
export async function readAgentNames(
  jsm: JetStreamManager,
  stream: string,
  subjects: ReadonlyMap<string, string>,
  direct: boolean,
  js?: JetStreamClient,
): Promise<AgentName[]> {
  if (js && direct && subjects.size > 0 && subjects.size <= MULTI_LAST_MAX) {
    const caps = await capabilitiesOf(js);
    if (caps.multiLast) {
      try {
        const last = new Map(
          (await lastPerSubject(js, stream, caps, [...new Set(subjects.values())])).map((m) => [
            m.subject,
            m.data,
          ]),
        );
        return [...subjects].map(([id, subject]) => agentNameFrom(id, last.get(subject) ?? null));
      } catch {
        // Refused (permissions, limits): the per-agent gets below.
      }
    }
  }
  return Promise.all(
    [...subjects].map(async ([id, subject]) => {
      try {
        const m = direct
          ? await jsm.direct.getMessage(stream, { last_by_subj: subject })
          : await jsm.streams.getMessage(stream, { last_by_subj: subject });
        return agentNameFrom(id, m?.data ?? null);
      } catch {
        return { id, name: null, role: null };
      }
    }),
  );
}

/** For each of `ids`, one status subject of that agent from the counts (its busiest one). */
export function agentStatusSubjects(
  rows: readonly SubjectRow[],
  ids: readonly string[],
): Map<string, string> {
  const want = new Set(ids);
  const best = new Map<string, SubjectRow>();
  for (const r of rows) {
    const p = parseAgentSubject(r.subject);
    if (p.kind !== 'status' || !p.agent || !want.has(p.agent)) continue;
    const b = best.get(p.agent);
    if (!b || r.count > b.count) best.set(p.agent, r);
  }
  return new Map([...best].map(([id, r]) => [id, r.subject]));
}
