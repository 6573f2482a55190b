import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { when } from '../format.js';
import type { StatsJ } from '../types.js';

type Buckets = StatsJ['series'][number]['buckets'];

const COLOURS = { negative: '#b3261e', neutral: '#8a8f98', positive: '#1b7f3b' };

/**
 * Mentions per bucket stacked by sentiment: uPlot has no stacking of its own, so each series is the
 * running sum (negative, + neutral, + positive) drawn front to back as filled steps. Spikes are
 * vertical marks drawn on the plot.
 */
export function VolumeChart({
  buckets,
  spikes,
  title,
}: {
  buckets: Buckets;
  spikes: string[];
  title: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) {
      return;
    }
    const x = buckets.map((b) => Date.parse(b.start) / 1000);
    const neg = buckets.map((b) => b.counts.negative);
    const negNeu = buckets.map((b) => b.counts.negative + b.counts.neutral);
    const all = buckets.map((b) => b.counts.negative + b.counts.neutral + b.counts.positive);
    const marks = spikes.map((at) => Date.parse(at) / 1000);
    const step = uPlot.paths.stepped?.({ align: 1 });
    const series = (label: string, colour: string): uPlot.Series => ({
      label,
      stroke: colour,
      fill: `${colour}cc`,
      paths: step,
      points: { show: false },
    });
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        series: [
          {},
          series('positive (stacked total)', COLOURS.positive),
          series('neutral', COLOURS.neutral),
          series('negative', COLOURS.negative),
        ],
        axes: [{}, { label: 'mentions' }],
        hooks: {
          draw: [
            (u) => {
              const { ctx } = u;
              ctx.save();
              ctx.strokeStyle = '#6a1b9a';
              ctx.lineWidth = 2;
              ctx.setLineDash([4, 3]);
              for (const at of marks) {
                const px = u.valToPos(at, 'x', true);
                ctx.beginPath();
                ctx.moveTo(px, u.bbox.top);
                ctx.lineTo(px, u.bbox.top + u.bbox.height);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
      },
      [x, all, negNeu, neg],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [buckets, spikes.join()]);
  const total = buckets.reduce((n, b) => n + b.counts.total, 0);
  return (
    <figure class="chart">
      <div
        ref={box}
        role="img"
        aria-label={`${title}: ${total} mentions, ${spikes.length} spike hours marked`}
      />
      <figcaption>
        Stacked: <span class="key key-negative">negative</span>{' '}
        <span class="key key-neutral">neutral</span> <span class="key key-positive">positive</span>
        {spikes.length > 0 && (
          <> · dashed lines: negative spikes at {spikes.map((at) => when(at)).join(', ')}</>
        )}
      </figcaption>
    </figure>
  );
}
