/**
 * Task templates for DevOps and the tech lead. Content only; the shape is TaskTemplate in
 * catalog.ts.
 */
import type { TaskTemplate } from './catalog';

export const OPS_TASKS: readonly TaskTemplate[] = [
  {
    role: 'devops_engineer',
    title: 'Set up a 3-node NATS JetStream cluster in staging',
    brief:
      'Three nodes across zones, R3 for agent-messages, TLS between routes, and Prometheus scraping via the exporter.',
    steps: [
      'Helm values for the 3-node cluster with anti-affinity',
      'Routes use mTLS with certs from cert-manager',
      'agent-messages migrated to R3; leader election tested by killing a pod',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'File storage on gp3 volumes or local NVMe?',
        a: 'gp3 for staging. We will benchmark NVMe before production.',
      },
      {
        to: 'project_manager',
        q: 'Can staging be down for 30 minutes during the cut-over?',
        a: 'Yes, do it before 10:00 UTC and announce it in the channel.',
      },
    ],
    changes:
      'Set max_file_store explicitly; with the default the volume can fill up and take the node down.',
  },
  {
    role: 'devops_engineer',
    title: 'Add Grafana alerts for consumer lag on agent-processor',
    brief:
      'Page when num_pending > 10,000 for 5 minutes or when redeliveries spike; link the runbook in the alert.',
    steps: [
      'Lag and redelivery panels added to the NATS dashboard',
      'Alert rules with 5 min pending period',
      'Runbook page written and linked from the alerts',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Who should be paged out of hours for lag alerts?',
        a: 'The platform on-call rotation; the squad gets a Slack notification only.',
      },
    ],
    changes:
      'The redelivery alert fires on every deploy; use a rate over 10 minutes instead of the raw counter.',
  },
  {
    role: 'devops_engineer',
    title: 'Move CI to ephemeral runners with a warm dependency cache',
    brief:
      'Replace the long-lived runners with ephemeral ones; cache node_modules and the Playwright browsers by lockfile hash.',
    steps: [
      'Runner autoscaling group with spot instances',
      'Cache keyed on package-lock.json hash; restore takes 14 s',
      'Pipeline time down from 19 to 8 minutes',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Can e2e tests run in parallel shards, or do they share state?',
        a: 'They are isolated per shard since last sprint. Use 4 shards.',
      },
    ],
    changes:
      'Spot interruptions fail the job without retry; add an automatic retry for interrupted runners.',
  },
  {
    role: 'devops_engineer',
    title: 'Rotate TLS certificates for the WebSocket gateway',
    brief:
      'The wss:// certificate expires in 9 days. Automate renewal with cert-manager and reload nats-server without downtime.',
    steps: [
      'cert-manager Certificate and ClusterIssuer configured',
      'nats-server reload on secret change via a sidecar',
      'Verified browser clients reconnect without errors',
    ],
    questions: [
      {
        to: 'tech_lead',
        q: 'Do any clients pin the current certificate?',
        a: 'Only the load-test tool. Update its CA bundle in the same change.',
      },
    ],
    changes: 'Alert 14 days before expiry as well, in case renewal fails silently.',
  },
  {
    role: 'tech_lead',
    title: 'Write ADR: retry and dead-letter policy for agent tasks',
    brief:
      'Decide max deliveries, backoff and what happens to poison messages; document how the MAX_DELIVERIES advisory is handled.',
    steps: [
      'Drafted options: nak with backoff vs. term plus DLQ stream',
      'Collected failure data from the last two weeks',
      'ADR-014 ready: max_deliver 3, advisories captured in agent-advisories',
    ],
    questions: [
      {
        to: 'project_manager',
        q: 'Is it acceptable that a task is dropped after 3 failed deliveries if it lands in the DLQ view?',
        a: 'Yes, as long as support can replay it from the DLQ view.',
      },
    ],
    changes: 'Add a section on how a human replays a dead-lettered task, with the exact steps.',
  },
];
