/**
 * A repeatable stream of numbers in [0, 1) (Park and Miller's minimal standard generator), for
 * test data that is irregular but the same on every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}
