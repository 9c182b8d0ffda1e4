/**
 * The Agent Squad roster. Agent ids come from a fixed seed, not from the traffic seed, so a
 * backfill and a later live run (any seeds) talk about the same eight agents in the app.
 */
import type { AgentRole } from '../../lib/agents/schema';
import { createRng } from './prng';

export type SquadAgent = {
  id: string;
  role: AgentRole;
  name: string;
};

/** Fixed seed of the roster's ids: changing it renames every agent in existing demos. */
const SQUAD_SEED = 0x50ad;

// The default squad, in the order members are taken when a smaller squad is asked for:
// the PM and the tech lead always exist because every conversation goes through them.
const BASE: ReadonlyArray<readonly [AgentRole, string]> = [
  ['project_manager', 'Priya Raman'],
  ['tech_lead', 'Marcus Webb'],
  ['backend_developer', 'Sofia Alvarez'],
  ['frontend_developer', 'Aiko Tanaka'],
  ['qa_tester', 'Daniel Okafor'],
  ['backend_developer', 'Jonas Becker'],
  ['devops_engineer', 'Lena Novak'],
  ['designer', 'Omar Haddad'],
];

// Extra members for squads bigger than eight: more hands on the roles that take tasks.
const EXTRA_ROLES: readonly AgentRole[] = [
  'backend_developer',
  'frontend_developer',
  'qa_tester',
  'devops_engineer',
  'backend_developer',
  'designer',
];
const EXTRA_NAMES: readonly string[] = [
  'Chloe Martin',
  'Ravi Iyer',
  'Hannah Fischer',
  'Mateo Rossi',
  'Grace Kim',
  'Tomasz Wójcik',
  'Amara Nwosu',
  'Felix Dubois',
  'Yara Haddad',
  'Noah Lindqvist',
  'Mei Lin',
  'Oscar Pereira',
  'Isla MacLeod',
  'Kenji Mori',
  'Zainab Bello',
  'Lucas Weber',
  'Elif Demir',
  'Sam Carter',
  'Nadia Petrova',
  'Arjun Mehta',
  'Freya Olsen',
  'Diego Ramos',
  'Leila Farahani',
  'Ben Adler',
  'Sara Costa',
  'Ivan Horvat',
  'Maya Cohen',
  'Theo Laurent',
  'Ana Silva',
  'Kofi Mensah',
  'Julia Nowak',
  'Erik Holm',
];

export const DEFAULT_SQUAD_SIZE = BASE.length;
export const MIN_SQUAD_SIZE = 3;
export const MAX_SQUAD_SIZE = BASE.length + EXTRA_NAMES.length;

/** The squad of `size` agents (clamped to 3..40); the same size always yields the same ids. */
export function buildSquad(size: number = DEFAULT_SQUAD_SIZE): SquadAgent[] {
  const n = Math.max(MIN_SQUAD_SIZE, Math.min(MAX_SQUAD_SIZE, Math.floor(size)));
  const rng = createRng(SQUAD_SEED);
  const squad: SquadAgent[] = [];
  for (let i = 0; i < n; i++) {
    const base = BASE[i];
    const role = base
      ? base[0]
      : (EXTRA_ROLES[(i - BASE.length) % EXTRA_ROLES.length] as AgentRole);
    const name = base ? base[1] : (EXTRA_NAMES[i - BASE.length] as string);
    // Ids are drawn in roster order, so agent i has the same id in every squad size.
    squad.push({ id: rng.uuid(), role, name });
  }
  return squad;
}
