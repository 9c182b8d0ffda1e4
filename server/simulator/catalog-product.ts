/**
 * Task templates for the product-facing roles (frontend, QA, design). Content only; the shape
 * is TaskTemplate in catalog.ts.
 */
import type { TaskTemplate } from './catalog';

export const PRODUCT_TASKS: readonly TaskTemplate[] = [
  {
    role: 'frontend_developer',
    title: 'Build the agent timeline view with virtualized rows',
    brief:
      'One lane per agent, messages as rows keyed by stream sequence, smooth scrolling at 100k rows.',
    steps: [
      'Lanes and row layout with @tanstack/react-virtual',
      'Live tail flushes every 200 ms into a capped buffer',
      'Keyboard navigation and row focus states',
      'Profiled: 60 fps with 100k rows',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Should offline agents keep their lane in the timeline?',
        a: 'Keep the lane but dim it, so gaps in activity stay visible.',
      },
      {
        to: 'tech_lead',
        q: 'Fixed row height or measured rows?',
        a: 'Fixed height. Long content opens in the side panel instead.',
      },
    ],
    changes: 'Rows re-render on every tick; memoize them on their own selection flag.',
  },
  {
    role: 'frontend_developer',
    title: 'Fix hydration mismatch on the settings page',
    brief:
      'The timezone label renders differently on server and client. Render it client-only and remove the warning.',
    steps: [
      'Reproduced with TZ=Asia/Tokyo on the server',
      'Timezone label moved to a client component with a placeholder',
      'Added a test that fails on hydration warnings',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'OK to suppress the warning on the one <time> element instead?',
        a: 'No, fix the cause. Suppressing hides real bugs later.',
      },
    ],
    changes: 'The placeholder shifts the layout; reserve its width.',
  },
  {
    role: 'frontend_developer',
    title: 'Add optimistic updates for task comments',
    brief:
      'Show a posted comment immediately, roll back with a toast if the request fails, dedupe when the server echo arrives.',
    steps: [
      'onMutate inserts the comment with a temporary id',
      'Rollback and error toast on failure',
      'Server echo replaces the temporary comment by client id',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Should a failed comment stay as a draft for retry?',
        a: 'Yes, keep it as a draft with a Retry button.',
      },
    ],
    changes: 'Invalidate the comment count query too; the badge is stale after a rollback.',
  },
  {
    role: 'qa_tester',
    title: 'Write e2e tests for the checkout flow',
    brief:
      'Cover card, saved card and 3-D Secure paths, plus declined and timeout cases, in Playwright against staging.',
    steps: [
      'Happy paths for card and saved card',
      '3-D Secure challenge handled with the PSP test cards',
      'Declined and timeout cases assert the error banners',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Is Apple Pay in scope for this round?',
        a: 'Not this round. Card and saved card only.',
      },
      {
        to: 'tech_lead',
        q: 'Can tests create orders directly through the API to save time?',
        a: 'Yes for setup, but the checkout itself must go through the UI.',
      },
    ],
    changes:
      'Replace the fixed sleeps with waits on the order status; the suite is flaky on slow runners.',
  },
  {
    role: 'qa_tester',
    title: 'Regression-test the 2.3.0 release candidate',
    brief:
      'Run the regression suite and the manual checklist on RC2; file blockers by noon so we can decide on the release.',
    steps: [
      'Automated regression: 412 passed, 3 failed',
      'Manual checklist done on Chrome and Safari',
      'Filed 2 bugs; 1 marked as release blocker',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'The CSV export truncates at 10k rows. Is that a release blocker?',
        a: 'Not a blocker. Document it in the release notes and fix in 2.3.1.',
      },
    ],
    changes: 'Attach the HAR file and console log to the blocker ticket so dev can reproduce it.',
  },
  {
    role: 'qa_tester',
    title: 'Load-test the message bus at 5,000 msgs/s',
    brief:
      'Drive 5k msgs/s for 30 minutes through the JetStream bus and report publish latency, consumer lag and redeliveries.',
    steps: [
      'k6 scenario publishing agent.message.* at 5k/s',
      '30-minute soak: p99 publish 6 ms, no lag growth',
      'Report with graphs shared in the ticket',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Should the processor run with production ack_wait during the test?',
        a: 'Yes, 30 s ack wait and max_deliver 3, same as production.',
      },
    ],
    changes: 'Include redelivery counts per minute in the report, not only the total.',
  },
  {
    role: 'designer',
    title: 'Design empty and error states for the message browser',
    brief:
      'Empty stream, no match for the filter, NATS unreachable and JetStream disabled; each with a clear next step.',
    steps: [
      'Four states sketched with copy',
      'Illustrations exported as SVG',
      'Specs handed off in Figma with tokens',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Should the unreachable state show the server URL?',
        a: 'Yes, show the URL and a copyable command to start a local server.',
      },
    ],
    changes:
      'The error state uses red for the whole panel; use it for the icon only so it does not look like data loss.',
  },
  {
    role: 'designer',
    title: 'Redesign the dead-letter queue view',
    brief:
      'Make it obvious why a message died (max deliveries or terminated), how often it was tried, and how to replay it.',
    steps: [
      'Audit of the current view with support feedback',
      'New layout: reason chip, delivery count, replay action',
      'Prototype tested with 3 support engineers',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Do we know the consumer and delivery count for every dead letter?',
        a: 'Yes, both are in the advisory payload: consumer, stream_seq and deliveries.',
      },
    ],
    changes: 'Replay needs a confirmation step; one click is too easy for a production action.',
  },
];
