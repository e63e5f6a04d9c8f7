// Inline SVG charts for the HTML report: no scripts, no fonts to fetch, print-friendly.
import { esc } from './escape';

export const SHARE_COLORS = ['#c62828', '#ef6c00', '#f9a825', '#6a1b9a', '#1565c0', '#00838f', '#558b2f', '#795548'];

export function scoreColor(score: number | null | undefined): string {
  if (score === null || score === undefined) return '#888';
  return score >= 80 ? '#2e7d32' : score >= 50 ? '#ef6c00' : '#c62828';
}

/** Ring gauge with the score in the middle. */
export function gauge(score: number | null, label: string, size = 120): string {
  const r = 48;
  const c = 2 * Math.PI * r;
  const v = score ?? 0;
  return `<svg width="${size}" height="${size}" viewBox="0 0 120 120" role="img" aria-label="${esc(label)}: ${score === null ? 'not measured' : `${v} of 100`}">
<circle cx="60" cy="60" r="${r}" fill="none" stroke="#eee" stroke-width="14"/>
<circle cx="60" cy="60" r="${r}" fill="none" stroke="${scoreColor(score)}" stroke-width="14" stroke-dasharray="${((c * v) / 100).toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 60 60)"/>
<text x="60" y="68" text-anchor="middle" font-size="28" font-weight="700" fill="#222">${score === null ? 'n/a' : v}</text></svg>`;
}

/** Horizontal bar, 0-100. */
export function bar(value: number | null, color = scoreColor(value)): string {
  const w = Math.max(0, Math.min(100, value ?? 0));
  return `<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${esc(value ?? 'n/a')}"><rect width="100" height="8" fill="#eee"/><rect width="${w}" height="8" fill="${color}"/></svg>`;
}

/** Small line chart of one series over runs; labels the first and last values. */
export function sparkline(points: (number | null)[], opts: { label: string; format: (n: number) => string; color?: string; min?: number; max?: number }): string {
  const W = 220;
  const H = 60;
  const vals = points.filter((p): p is number => p !== null);
  if (!vals.length) return `<p class="muted">${esc(opts.label)}: no data yet.</p>`;
  const min = opts.min ?? Math.min(...vals, 0);
  const max = opts.max ?? Math.max(...vals, 1);
  const x = (i: number) => (points.length === 1 ? W / 2 : 8 + (i * (W - 16)) / (points.length - 1));
  const y = (v: number) => H - 6 - ((v - min) / (max - min || 1)) * (H - 12);
  const coords = points.map((p, i) => (p === null ? null : `${x(i).toFixed(1)},${y(p).toFixed(1)}`)).filter(Boolean);
  const last = vals[vals.length - 1];
  const color = opts.color ?? '#1565c0';
  const dots = points.map((p, i) => (p === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(p).toFixed(1)}" r="2.5" fill="${color}"/>`)).join('');
  return `<figure class="spark"><figcaption>${esc(opts.label)}: <strong>${esc(opts.format(last))}</strong>${vals.length > 1 ? ` <span class="muted">(was ${esc(opts.format(vals[0]))})</span>` : ''}</figcaption>
<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(opts.label)} over ${points.length} run(s)"><rect width="${W}" height="${H}" fill="#fafafa"/>${coords.length > 1 ? `<polyline fill="none" stroke="${color}" stroke-width="2" points="${coords.join(' ')}"/>` : ''}${dots}</svg></figure>`;
}

/** Stacked horizontal bar of shares (0-1), one colour per part. */
export function shareBar(parts: { share: number; label: string }[]): string {
  const colors = SHARE_COLORS;
  let x = 0;
  const rects = parts
    .map((p, i) => {
      const w = Math.max(0, p.share * 100);
      const r = `<rect x="${x.toFixed(2)}" width="${w.toFixed(2)}" height="10" fill="${colors[i % colors.length]}"><title>${esc(p.label)}</title></rect>`;
      x += w;
      return r;
    })
    .join('');
  return `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="shares"><rect width="100" height="10" fill="#eee"/>${rects}</svg>`;
}

