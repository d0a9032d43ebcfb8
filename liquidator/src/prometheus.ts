/** Minimal Prometheus text exposition (format 0.0.4): counters, gauges and histograms with labels (as in the feeder). */

/** Label names to values. */
export type Labels = Readonly<Record<string, string>>;

/** Content-Type of the text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Escapes a label value (backslash, double quote, newline). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Renders `{a="x",b="y"}` (empty string for no labels). */
export function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

/** Renders a sample value: numbers plainly, non-finite as +Inf/-Inf/NaN, strings as given. */
export function formatValue(value: number | string): string {
  if (typeof value === "string") return value;
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** One sample line. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number | string;
  /** Suffix appended to the family name (histograms: "_bucket", "_sum", "_count"). */
  readonly suffix?: string;
}

/** A metric family ready to render. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge" | "histogram";
  readonly samples: readonly Sample[];
}

/** Renders families in the text exposition format. */
export function renderFamilies(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? ""}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Stable key of a label set. */
function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels));
}

/** A value per label set: the common part of counters and gauges. */
class Series {
  protected readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** Current value for `labels` (0 if never set). */
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels))?.value ?? 0;
  }

  protected add(labels: Labels, by: number): void {
    const key = labelKey(labels);
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels, value: by });
  }

  protected samples(): Sample[] {
    return [...this.values.values()];
  }
}

/** A monotonically increasing counter per label set. */
export class Counter extends Series {
  /** Adds `by` (default 1, must be ≥ 0) to the counter of `labels`. */
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError(`counter ${this.name} cannot decrease`);
    this.add(labels, by);
  }

  /** The family for rendering. */
  family(): Family {
    return { name: this.name, help: this.help, type: "counter", samples: this.samples() };
  }
}

/** A gauge per label set. */
export class Gauge extends Series {
  /** Sets the gauge of `labels`. */
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), { labels, value });
  }

  /** Removes the gauge of `labels` (it is no longer exported). */
  delete(labels: Labels): void {
    this.values.delete(labelKey(labels));
  }

  /** The family for rendering. */
  family(): Family {
    return { name: this.name, help: this.help, type: "gauge", samples: this.samples() };
  }
}

/** A histogram per label set with fixed upper bounds. */
export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  /** Records one observation for `labels`. */
  observe(labels: Labels, value: number): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((le, i) => {
      if (value <= le) s.counts[i]++;
    });
    s.sum += value;
    s.count++;
  }

  /** Number of observations recorded for `labels`. */
  count(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.count ?? 0;
  }

  /** The family for rendering (cumulative buckets, +Inf, _sum, _count). */
  family(): Family {
    const samples: Sample[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => samples.push({ suffix: "_bucket", labels: { ...s.labels, le: String(le) }, value: s.counts[i] }));
      samples.push({ suffix: "_bucket", labels: { ...s.labels, le: "+Inf" }, value: s.count });
      samples.push({ suffix: "_sum", labels: s.labels, value: s.sum });
      samples.push({ suffix: "_count", labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}
