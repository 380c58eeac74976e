import type { NodeDisplayData, PartialButFor } from "sigma/types";

/** Colours sigma draws with; the page's CSS follows prefers-color-scheme, and so does this. */
export interface Theme {
  dark: boolean;
  background: string;
  label: string;
  /** Label box behind a hovered node. */
  hoverBox: string;
  /** Nodes and edges pushed back while another node is focused. */
  dimmedNode: string;
  dimmedEdge: string;
}

const LIGHT: Theme = {
  dark: false,
  background: "#ffffff",
  label: "#1d2330",
  hoverBox: "#ffffff",
  dimmedNode: "#dfe2e7",
  dimmedEdge: "#eceef1",
};

const DARK: Theme = {
  dark: true,
  background: "#151922",
  label: "#e4e8ef",
  hoverBox: "#262c38",
  dimmedNode: "#323846",
  dimmedEdge: "#242a35",
};

const darkQuery = () => window.matchMedia("(prefers-color-scheme: dark)");

export const currentTheme = (): Theme => (darkQuery().matches ? DARK : LIGHT);

export function watchTheme(onChange: (theme: Theme) => void): void {
  darkQuery().addEventListener("change", () => onChange(currentTheme()));
}

/**
 * Sigma's hover box, drawn in the theme's colours (sigma's own is always white), for the hovered or
 * selected node only: the lit neighbours sigma also passes here keep their plain, placed labels.
 */
export function themedNodeHover(theme: Theme) {
  return (
    context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { hoverBox?: boolean },
    settings: { labelSize: number; labelWeight: string; labelFont: string },
  ): void => {
    if (!data.hoverBox) return;
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = theme.hoverBox;
    context.shadowBlur = 8;
    context.shadowColor = theme.dark ? "#000" : "rgba(0,0,0,0.45)";
    const padding = 2;
    const radius = Math.max(data.size, size / 2) + padding;
    context.beginPath();
    if (typeof data.label === "string" && data.label) {
      const boxWidth = Math.round(context.measureText(data.label).width + 5);
      const boxHeight = Math.round(size + 2 * padding);
      const angle = Math.asin(Math.min(1, boxHeight / 2 / radius));
      const xDelta = Math.sqrt(Math.abs(radius ** 2 - (boxHeight / 2) ** 2));
      context.moveTo(data.x + xDelta, data.y + boxHeight / 2);
      context.lineTo(data.x + radius + boxWidth, data.y + boxHeight / 2);
      context.lineTo(data.x + radius + boxWidth, data.y - boxHeight / 2);
      context.lineTo(data.x + xDelta, data.y - boxHeight / 2);
      context.arc(data.x, data.y, radius, angle, -angle);
    } else {
      context.arc(data.x, data.y, data.size + padding, 0, Math.PI * 2);
    }
    context.closePath();
    context.fill();
    context.shadowBlur = 0;
    if (data.label) {
      context.fillStyle = theme.label;
      context.fillText(data.label, data.x + data.size + 3, data.y + size / 3);
    }
  };
}
