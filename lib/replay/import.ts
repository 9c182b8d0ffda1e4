/** Builds an offline replay from an NDJSON export (see ndjson.ts). */
import { toReplayEvent } from './event';
import { parseNdjson } from './ndjson';
import { ReplayData } from './store';
import { makeSeed } from './seed';

/** A finished ReplayData from NDJSON text, plus the lines that could not be read. */
export function replayFromNdjson(
  text: string,
  source: string,
): { data: ReplayData; errors: string[] } {
  const { messages, errors, before } = parseNdjson(text);
  const data = new ReplayData(source);
  data.fromFile = true;
  // The state before the range, when the file carries it: the range is replayed from it again.
  if (before.length > 0) {
    const upTo = messages[0]
      ? messages[0].seq - 1
      : (before[before.length - 1] as { seq: number }).seq;
    data.setSeed(makeSeed(before.map(toReplayEvent), upTo, 'file'));
  }
  // The file's text is in memory anyway: every payload is kept (there is nothing to read again).
  data.events.budget = Infinity;
  data.append(messages.map(toReplayEvent), messages.length);
  data.finish({ status: 'done' });
  return { data, errors };
}
