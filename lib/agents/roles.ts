/**
 * Agent id → role, learned from the events already decoded (no extra reads): status events
 * carry `agent_id` + `agent_role`, messages `sender_id`/`recipient_id` + their metadata roles,
 * task events `assignee_id` + `assignee_role`. Task events name their creator by id only
 * (`created_by`), so a table row shows that agent's role when one of its status events or
 * messages has been decoded in this tab, else a shortened id. Bounded (oldest entries go
 * first); pure module state, cheap on the rows' hot path (a Map lookup, no allocation).
 */

/** Most ids remembered (a few bytes each; agent systems have tens to hundreds of agents). */
export const AGENT_ROLES_MAX = 2048;
const roles = new Map<string, string>();

/** Remembers `id`'s role (ignores empty values and `unknown`). */
export function learnRole(id: unknown, role: unknown): void {
  // Payloads are only loosely checked: metadata values may be anything.
  if (
    typeof id !== 'string' ||
    typeof role !== 'string' ||
    !id ||
    !role ||
    role === 'unknown' ||
    id === role
  )
    return;
  if (roles.get(id) === role) return;
  if (roles.size >= AGENT_ROLES_MAX && !roles.has(id)) {
    // Insertion order: the first key is the oldest.
    const oldest = roles.keys().next().value;
    if (oldest !== undefined) roles.delete(oldest);
  }
  roles.set(id, role);
}

/** The role learned for `id`, or undefined. */
export function roleOfId(id: string): string | undefined {
  return roles.get(id);
}

/** Forgets every learned role (tests). */
export function resetRoles(): void {
  roles.clear();
}

/** Characters shown of an id that has no known role. */
export const SHORT_ID_CHARS = 8;

/**
 * True for a value that looks like an opaque id (a UUID, a long token with digits) rather than
 * a role (`qa_tester`) or a name ("Ada"): those get shortened for display.
 */
export function isOpaqueId(s: string): boolean {
  return s.length > 12 && !/[\s_]/.test(s) && /\d/.test(s);
}

/** `c54b660a-2f2e-…` → `c54b660a…`; anything else unchanged. */
export function shortId(s: string): string {
  return isOpaqueId(s) ? `${s.slice(0, SHORT_ID_CHARS)}…` : s;
}
