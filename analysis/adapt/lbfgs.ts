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
  for (const value of values) {
    top = Math.max(top, Math.abs(value));
  }
  return top;
}

// The L-BFGS two-loop recursion: an approximate Newton direction from the kept corrections.
function direction(
  gradient: Float64Array,
  steps: Float64Array[],
  changes: Float64Array[],
): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let at = steps.length - 1; at >= 0; at -= 1) {
    const s = steps[at] as Float64Array;
    const y = changes[at] as Float64Array;
    const alpha = dot(s, q) / dot(y, s);
    alphas[at] = alpha;
    for (let index = 0; index < q.length; index += 1) {
      q[index] = (q[index] as number) - alpha * (y[index] as number);
    }
  }
  const last = steps.length - 1;
  const gamma =
    last >= 0
      ? dot(steps[last] as Float64Array, changes[last] as Float64Array) /
        dot(changes[last] as Float64Array, changes[last] as Float64Array)
      : 1 / Math.max(1, largest(gradient));
  for (let index = 0; index < q.length; index += 1) {
    q[index] = (q[index] as number) * gamma;
  }
  for (let at = 0; at < steps.length; at += 1) {
    const s = steps[at] as Float64Array;
    const y = changes[at] as Float64Array;
    const beta = dot(y, q) / dot(y, s);
    const alpha = alphas[at] as number;
    for (let index = 0; index < q.length; index += 1) {
      q[index] = (q[index] as number) + (alpha - beta) * (s[index] as number);
    }
  }
  for (let index = 0; index < q.length; index += 1) {
    q[index] = -(q[index] as number);
  }
  return q;
}

/**
 * Minimises a smooth convex objective from `start` by L-BFGS with a backtracking (Armijo) line
 * search. Deterministic: no randomness, the same objective gives the same answer.
 */
export function minimize(objective: Objective, start: Float64Array, options: MinimizeOptions) {
  let x = Float64Array.from(start);
  let gradient = new Float64Array(x.length);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    if (largest(gradient) < options.tolerance) {
      break;
    }
    let move = direction(gradient, steps, changes);
    let slope = dot(move, gradient);
    if (slope >= 0) {
      // Not a descent direction (curvature went wrong): restart from the gradient.
      steps.length = 0;
      changes.length = 0;
      move = direction(gradient, steps, changes);
      slope = dot(move, gradient);
    }
    let size = 1;
    const next = new Float64Array(x.length);
    const nextGradient = new Float64Array(x.length);
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
    const s = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    for (let index = 0; index < x.length; index += 1) {
      s[index] = (next[index] as number) - (x[index] as number);
      y[index] = (nextGradient[index] as number) - (gradient[index] as number);
    }
    if (dot(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > options.memory) {
        steps.shift();
        changes.shift();
      }
    }
    x = next;
    gradient = nextGradient;
    value = nextValue;
  }
  return { x, value };
}
