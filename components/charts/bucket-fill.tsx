import type { TBucket } from '@/lib/schemas/dashboard-filters';

// Uncertain and Out of scope are not labels: grey and hatched wherever a chart
// draws them, told apart by the hatch as well as the shade (single diagonal:
// Uncertain; cross-hatch: Out of scope), so they read the same without colour
// and in print. The legend swatches draw the same with CSS
// (app/dashboard-layout.css, `.swatch.bucket-*`).

const BUCKET_STYLE: Record<TBucket, { base: string; ink: string; cross: boolean }> = {
  uncertain: { base: '#E4E7EC', ink: '#98A2B3', cross: false },
  out_of_scope: { base: '#EAECF0', ink: '#667085', cross: true },
};

/** A bucket's plain colour (tooltips, anything that cannot take a pattern). */
export const bucketColor = (b: TBucket) => BUCKET_STYLE[b].ink;

/** The `fill` of a bucket's shape: the pattern that BucketPatterns defined under `prefix`. */
export const bucketFill = (prefix: string, b: TBucket) => `url(#${prefix}-${b})`;

/** SVG pattern definitions for both buckets; render inside the chart (ids from useId, cleaned for url()). */
export function BucketPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {(Object.keys(BUCKET_STYLE) as TBucket[]).map((b) => {
        const s = BUCKET_STYLE[b];
        return (
          <pattern key={b} id={`${prefix}-${b}`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={6} height={6} fill={s.base} />
            <rect width={2} height={6} fill={s.ink} />
            {s.cross ? <rect width={6} height={2} fill={s.ink} /> : null}
          </pattern>
        );
      })}
    </defs>
  );
}

/** An id prefix usable in url(#…): React's useId output without its punctuation. */
export const patternPrefix = (reactId: string) => `bucket${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
