import { num, words } from '../format.js';

/** Each factor's share of the score as a horizontal bar (negative factors point left in colour). */
export function FactorBars({ factors }: { factors: Record<string, number> }) {
  const entries = Object.entries(factors).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const max = Math.max(...entries.map(([, value]) => Math.abs(value)), 1e-9);
  if (entries.length === 0) {
    return null;
  }
  return (
    <table class="factors" aria-label="Factors of the score">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{words(name)}</th>
            <td class="bar-cell">
              <span
                class={`bar ${value < 0 ? 'minus' : 'plus'}`}
                style={{ width: `${(Math.abs(value) / max) * 100}%` }}
              />
            </td>
            <td class="value">{num(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
