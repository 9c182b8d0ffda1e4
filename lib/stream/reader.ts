/**
 * Read-only access to a stream, one module per concern: message.ts (the StreamMessage, its
 * headers and times), range.ts (range reads), tail.ts (live tails), get.ts (single messages).
 * Nothing here acks, deletes messages or publishes; every consumer made here is deleted when
 * done (and has a short inactivity threshold as a backstop). Messages reach callers in
 * batches, never one callback per message. This module is the stream-reading API's index.
 */
export * from './message';
export * from './range';
export * from './tail';
export * from './get';
