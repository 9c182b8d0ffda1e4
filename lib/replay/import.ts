/** Builds an offline replay from an NDJSON export (see ndjson.ts). */
import { toReplayEvent } from './event';
import { parseNdjson } from './ndjson';
import { MAX_EVENTS } from './scope';
import { ReplayData } from './store';

/** A finished ReplayData from NDJSON text, plus the lines that could not be read. */
export function replayFromNdjson(text: string, source: string): { data: ReplayData; errors: string[] } {
  const { messages, errors } = parseNdjson(text);
  const data = new ReplayData(source);
  const kept = messages.slice(0, MAX_EVENTS);
  data.append(kept.map(toReplayEvent), messages.length);
  data.finish({ status: 'done', capped: messages.length > MAX_EVENTS });
  return { data, errors };
}
