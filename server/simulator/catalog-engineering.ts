/**
 * Task templates for the backend developers. Content only; the shape is TaskTemplate in
 * catalog.ts.
 */
import type { TaskTemplate } from './catalog';

export const ENGINEERING_TASKS: readonly TaskTemplate[] = [
  {
    role: 'backend_developer',
    title: 'Implement JWT refresh-token rotation in auth service',
    brief:
      'Rotate refresh tokens on every use, keep a token family id, and revoke the whole family when a used token is replayed.',
    steps: [
      'Added refresh_token_families table and migration',
      'Rotation on /auth/refresh works; old token is marked used',
      'Replay detection revokes the family and logs a security event',
      'Unit and integration tests added (27 cases)',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'On replay, should we revoke the whole token family or only the session that replayed?',
        a: 'Revoke the whole family and force a re-login. Log it as a security event with the client IP.',
      },
      {
        to: 'project_manager',
        q: 'Can the refresh-token lifetime go from 30 to 14 days?',
        a: 'Yes, 14 days is fine. Security asked for it anyway.',
      },
    ],
    changes:
      'Please hash the refresh tokens at rest (SHA-256) instead of storing them in plain text.',
  },
  {
    role: 'backend_developer',
    title: 'Add idempotency keys to POST /payments',
    brief:
      'Accept an Idempotency-Key header, store the first response for 24 h, and return it for retries with the same key.',
    steps: [
      'Idempotency middleware stores key, request hash and response',
      'Concurrent retries with the same key wait on a row lock',
      'Mismatched payload with a reused key returns 422',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Redis or Postgres for the idempotency store?',
        a: 'Postgres: we need it in the same transaction as the payment row.',
      },
      {
        to: 'project_manager',
        q: 'Do mobile clients already send an Idempotency-Key?',
        a: 'iOS does, Android ships it next release. Make the header optional for now.',
      },
    ],
    changes:
      'The lock is held across the PSP call; release it before calling out or we will pile up connections.',
  },
  {
    role: 'backend_developer',
    title: 'Fix N+1 query in GET /projects/:id/members',
    brief:
      'The endpoint issues one query per member (p95 1.8 s for large projects). Batch it and add a regression test on the query count.',
    steps: [
      'Reproduced: 312 queries for a 300-member project',
      'Replaced the per-member lookup with one JOIN plus a roles IN query',
      'Query-count assertion added to the API test suite',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Is it OK to add a composite index on (project_id, user_id)?',
        a: 'Yes, add it concurrently in the migration so we do not lock the table.',
      },
    ],
    changes: 'Please keep the response order stable (by joined_at, then id); the UI relies on it.',
  },
  {
    role: 'backend_developer',
    title: 'Add per-API-key rate limiting to the public API',
    brief:
      'Token bucket per API key: 100 requests/s burst 200, 429 with Retry-After when exceeded, limits configurable per plan.',
    steps: [
      'Token bucket implemented with a Lua script in Redis',
      'Per-plan limits read from the billing service and cached for 60 s',
      '429 responses carry Retry-After and X-RateLimit-* headers',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Should enterprise keys be exempt from rate limiting?',
        a: 'Not exempt: give them 10x the default and let sales raise it per customer.',
      },
    ],
    changes:
      'Fail open when Redis is unreachable, and add a metric for it; right now every request gets a 500.',
  },
  {
    role: 'backend_developer',
    title: 'Publish agent events to NATS JetStream instead of Redis pub/sub',
    brief:
      'Switch the message bus behind MESSAGE_BUS=nats: publish on agent.message.<role>.<type> with Nats-Msg-Id for de-duplication.',
    steps: [
      'NATSMessageBus.send_message publishes with Nats-Msg-Id',
      'Dual write to PostgreSQL kept behind a flag',
      'Load test: 5,000 msgs/s with p99 publish latency 4 ms',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Should the durable consumer filter on agent.> or only agent.message.>?',
        a: 'agent.>: the processor handles status and task events too.',
      },
    ],
    changes:
      'Await the PubAck before returning the message id, otherwise callers think it is stored when it may not be.',
  },
];
