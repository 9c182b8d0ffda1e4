/**
 * Runs once when the Next.js server starts. The Node.js part (which may end the process) is
 * imported only in the Node.js runtime, the documented pattern: the Edge bundle never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
