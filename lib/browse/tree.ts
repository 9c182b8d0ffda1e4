/**
 * The subject explorer's tree, built one level at a time from STREAM.INFO subject counts:
 * children of a prefix aggregate counts by their next token. Lazy (only expanded nodes are
 * computed) and capped, so 100k+ task subjects stay cheap. Pure.
 */

export type SubjectNode = {
  /** This node's token. */
  token: string;
  /** Tokens from the root, joined by dots. */
  path: string;
  /** Messages under this node. */
  count: number;
  /** Distinct subjects under this node. */
  subjects: number;
  /** True when the node is itself a full subject with no deeper ones. */
  leaf: boolean;
  /** The filter that selects this node: the subject itself, or `path.>`. */
  filter: string;
};

/** Children of `prefix` ('' for the root), most messages first, at most `cap` (rest counted). */
export function childrenOf(
  counts: Record<string, number>,
  prefix: string,
  cap = 200,
): { nodes: SubjectNode[]; hidden: number } {
  const pre = prefix ? `${prefix}.` : '';
  const agg = new Map<
    string,
    { count: number; subjects: number; deeper: boolean; exact: boolean }
  >();
  for (const subject in counts) {
    if (pre && !subject.startsWith(pre)) continue;
    const rest = subject.slice(pre.length);
    const dot = rest.indexOf('.');
    const token = dot < 0 ? rest : rest.slice(0, dot);
    const a = agg.get(token) ?? { count: 0, subjects: 0, deeper: false, exact: false };
    a.count += counts[subject] ?? 0;
    a.subjects++;
    if (dot < 0) a.exact = true;
    else a.deeper = true;
    agg.set(token, a);
  }
  const all = [...agg].map(([token, a]): SubjectNode => {
    const path = pre + token;
    const leaf = a.exact && !a.deeper;
    return {
      token,
      path,
      count: a.count,
      subjects: a.subjects,
      leaf,
      filter: leaf ? path : `${path}.>`,
    };
  });
  all.sort((x, y) => y.count - x.count || x.token.localeCompare(y.token));
  return { nodes: all.slice(0, cap), hidden: Math.max(0, all.length - cap) };
}
