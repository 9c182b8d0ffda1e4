import { STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { Legend } from '@/components/ui/legend';

/** What the lanes' colours mean: the status band along each lane and the task bars in it (lib/timeline/draw.ts). */
export function TimelineLegend() {
  return (
    <div
      className="flex flex-wrap gap-x-6 gap-y-1 border-t border-border px-4 py-2"
      data-testid="timeline-legend"
      role="group"
      aria-label="Legend"
    >
      <Legend
        label="Agent status colours"
        title="Status"
        items={['online', 'busy', 'idle', 'offline', 'error'].map((s) => ({
          label: s,
          color: STATUS_COLORS[s]!,
          shape: 'strip' as const,
        }))}
      />
      <Legend
        label="Task bar colours"
        title="Tasks"
        items={[
          {
            label: 'assigned, not started',
            color: TASK_COLORS.assigned!,
            shape: 'bar',
            opacity: 0.55,
          },
          { label: 'running', color: TASK_COLORS.started!, shape: 'bar' },
          { label: 'blocked', color: TASK_COLORS.blocked!, shape: 'bar' },
          { label: 'completed', color: TASK_COLORS.completed!, shape: 'bar' },
          { label: 'failed', color: TASK_COLORS.failed!, shape: 'bar' },
        ]}
      />
      <Legend
        label="Other marks"
        items={[{ label: 'messages per pixel (top strip)', color: 'var(--accent)', shape: 'bar' }]}
      />
      <span className="text-xs text-muted">↻n: retried n times</span>
    </div>
  );
}
