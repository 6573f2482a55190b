/** A differentiable objective: writes the gradient at `x` into `gradient`, returns the value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Most iterations (each one or a few objective evaluations). */
  iterations: number;
  /** Corrections kept (the "limited memory"). */
  memory: number;
  /** Stop once the gradient's largest entry is below this. */
  tolerance: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let index = 0; index < a.length; index += 1) {
    total += (a[index] as number) * (b[index] as number);
  }
  return total;
}

function largest(values: Float64Array): number {
  let top = 0;
  for (let index = 0; index < values.length; index += 1) {
    top = Math.max(top, Math.abs(values[index] as number));
  }
  return top;
}

// out += scale * from
function addScaled(out: Float64Array, from: Float64Array, scale: number): void {
  for (let index = 0; index < out.length; index += 1) {
    out[index] = (out[index] as number) + scale * (from[index] as number);
  }
}

/** The kept corrections, oldest first: steps s, gradient changes y, and 1 / (y·s). */
interface Memory {
  steps: Float64Array[];
  changes: Float64Array[];
  rhos: number[];
}

// out += scale * from, and the dot product of the updated `out` with `next`, in one pass: the
// same sums in the same order as addScaled then dot, reading `out` once (these vectors are larger
// than the cache, so passes over them are most of L-BFGS's own time).
function addScaledThenDot(
  out: Float64Array,
  from: Float64Array,
  scale: number,
  next: Float64Array,
): number {
  let total = 0;
  for (let index = 0; index < out.length; index += 1) {
    const value = (out[index] as number) + scale * (from[index] as number);
    out[index] = value;
    total += (next[index] as number) * value;
  }
  return total;
}

// The L-BFGS two-loop recursion: an approximate Newton step, written into `out` (negated).
function direction(gradient: Float64Array, memory: Memory, out: Float64Array): void {
  const { steps, changes, rhos } = memory;
  out.set(gradient);
  const alphas = new Array<number>(steps.length);
  const last = steps.length - 1;
  // Newest to oldest: alpha_at = rho_at * (s_at . out), then out -= alpha_at * y_at; each update
  // is fused with the next (older) dot product.
  let product = last >= 0 ? dot(steps[last] as Float64Array, out) : 0;
  for (let at = last; at >= 0; at -= 1) {
    const alpha = (rhos[at] as number) * product;
    alphas[at] = alpha;
    const older = steps[at - 1];
    if (older === undefined) {
      addScaled(out, changes[at] as Float64Array, -alpha);
    } else {
      product = addScaledThenDot(out, changes[at] as Float64Array, -alpha, older);
    }
  }
  const newest = changes[last];
  const gamma =
    newest === undefined
      ? 1 / Math.max(1, largest(gradient))
      : 1 / ((rhos[last] as number) * dot(newest, newest));
  for (let index = 0; index < out.length; index += 1) {
    out[index] = (out[index] as number) * gamma;
  }
  // Oldest to newest: beta_at = rho_at * (y_at . out), then out += (alpha_at - beta_at) * s_at.
  product = last >= 0 ? dot(changes[0] as Float64Array, out) : 0;
  for (let at = 0; at <= last; at += 1) {
    const beta = (rhos[at] as number) * product;
    const newer = changes[at + 1];
    const scale = (alphas[at] as number) - beta;
    if (newer === undefined) {
      addScaled(out, steps[at] as Float64Array, scale);
    } else {
      product = addScaledThenDot(out, steps[at] as Float64Array, scale, newer);
    }
  }
  for (let index = 0; index < out.length; index += 1) {
    out[index] = -(out[index] as number);
  }
}

// Remembers the step just taken, reusing the oldest buffers once memory is full.
function remember(
  memory: Memory,
  limit: number,
  from: Float64Array,
  to: Float64Array,
  gradient: Float64Array,
  nextGradient: Float64Array,
): void {
  const reuse = memory.steps.length >= limit;
  const s = reuse ? (memory.steps.shift() as Float64Array) : new Float64Array(from.length);
  const y = reuse ? (memory.changes.shift() as Float64Array) : new Float64Array(from.length);
  if (reuse) {
    memory.rhos.shift();
  }
  // s, y and their dot product in one pass (the same sum, in the same order, as dot(s, y)).
  let curvature = 0;
  for (let index = 0; index < from.length; index += 1) {
    const step = (to[index] as number) - (from[index] as number);
    const change = (nextGradient[index] as number) - (gradient[index] as number);
    s[index] = step;
    y[index] = change;
    curvature += step * change;
  }
  if (curvature > 1e-12) {
    memory.steps.push(s);
    memory.changes.push(y);
    memory.rhos.push(1 / curvature);
  }
}

/**
 * Minimises a smooth convex objective from `start` by L-BFGS with a backtracking (Armijo) line
 * search. Deterministic: no randomness, the same objective gives the same answer.
 */
export function minimize(objective: Objective, start: Float64Array, options: MinimizeOptions) {
  let x = Float64Array.from(start);
  let gradient = new Float64Array(x.length);
  let value = objective(x, gradient);
  let next = new Float64Array(x.length);
  let nextGradient = new Float64Array(x.length);
  const move = new Float64Array(x.length);
  const memory: Memory = { steps: [], changes: [], rhos: [] };
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    if (largest(gradient) < options.tolerance) {
      break;
    }
    direction(gradient, memory, move);
    let slope = dot(move, gradient);
    if (slope >= 0) {
      // Not a descent direction (the curvature pairs went stale): restart from the gradient.
      memory.steps.length = 0;
      memory.changes.length = 0;
      memory.rhos.length = 0;
      direction(gradient, memory, move);
      slope = dot(move, gradient);
    }
    let size = 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let index = 0; index < x.length; index += 1) {
        next[index] = (x[index] as number) + size * (move[index] as number);
      }
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * size * slope) {
        break;
      }
      size /= 2;
    }
    if (!(nextValue < value)) {
      break;
    }
    remember(memory, options.memory, x, next, gradient, nextGradient);
    [x, next] = [next, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
  }
  return { x, value };
}
