/**
 * Colour scales for colouring nodes by a metric or a category. Sequential stops run from light to
 * dark so larger values stand out on a white background; categories use hues far apart.
 */
export const SEQUENTIAL = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"] as const;

export const CATEGORICAL = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#7f7f7f",
  "#393b79",
  "#ad494a",
] as const;

/** Categories past the palette share this colour (and "other" in the legend). */
export const OTHER_COLOR = "#b0b5bd";

const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);

/** The colour at t (0 to 1) along the sequential scale. */
export function sequentialColor(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const scaled = clamped * (SEQUENTIAL.length - 1);
  const low = Math.floor(scaled);
  const high = Math.min(SEQUENTIAL.length - 1, low + 1);
  const f = scaled - low;
  const mix = (i: number) =>
    Math.round(channel(SEQUENTIAL[low]!, i) * (1 - f) + channel(SEQUENTIAL[high]!, i) * f)
      .toString(16)
      .padStart(2, "0");
  return `#${mix(0)}${mix(1)}${mix(2)}`;
}
