/**
 * Stable colours per agent role, status and task outcome, shared by the transcript, the
 * sequence diagram and the timeline. Chosen to read on both light and dark backgrounds.
 */

const ROLE_COLORS: Record<string, string> = {
  project_manager: '#6366f1',
  tech_lead: '#0ea5e9',
  backend_developer: '#10b981',
  frontend_developer: '#f59e0b',
  qa_tester: '#ec4899',
  devops_engineer: '#8b5cf6',
  designer: '#14b8a6',
};

const FALLBACK = ['#64748b', '#a855f7', '#22c55e', '#eab308', '#f97316', '#06b6d4', '#e11d48'];

/** Colour for a role token; unknown roles get a stable colour from a hash of the name. */
export function roleColor(role: string | null | undefined): string {
  if (!role) return '#64748b';
  const c = ROLE_COLORS[role];
  if (c) return c;
  let h = 0;
  for (let i = 0; i < role.length; i++) h = (h * 31 + role.charCodeAt(i)) | 0;
  return FALLBACK[Math.abs(h) % FALLBACK.length] as string;
}

/** Colour for an agent status. */
export const STATUS_COLORS: Record<string, string> = {
  online: '#22c55e',
  busy: '#3b82f6',
  idle: '#a3a3a3',
  offline: '#525252',
  error: '#ef4444',
};

/** Colour for a task state or outcome. */
export const TASK_COLORS: Record<string, string> = {
  created: '#94a3b8',
  assigned: '#a78bfa',
  started: '#3b82f6',
  progress: '#3b82f6',
  blocked: '#f59e0b',
  completed: '#22c55e',
  failed: '#ef4444',
};
