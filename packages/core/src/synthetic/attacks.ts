import { AttackInjector } from './attack-contract';

/** Attack scenario kinds the injector knows. Filled by the anomaly-scoring work. */
export const ATTACK_SCENARIOS: readonly string[] = [];

/**
 * Injects labelled attack events into a simulated world.
 * Placeholder until the anomaly-scoring work: injects nothing.
 */
export const injectAttacks: AttackInjector = () => ({ events: [], labels: [] });
