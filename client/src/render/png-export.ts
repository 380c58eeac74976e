import type { ViewerSigma } from "./renderer.ts";

/**
 * The current view as one PNG: the visible nodes fitted into the frame, sigma's WebGL and 2D layers
 * drawn in order onto one canvas over the page's background, a legend in the corner, and the
 * filters in words with the counts and the view's link along the bottom. WebGL buffers are only
 * readable in the task that drew them (preserveDrawingBuffer is off for speed), so each render and
 * its copy happen back to back; the camera is put back afterwards.
 */

export interface PngContent {
  background: string;
  text: string;
  legend: { color: string; label: string; shape: "dot" | "line" }[];
  /** Lines under the picture: counts, filters in words, the link. */
  caption: string[];
}

export async function renderViewToPng(
  sigma: ViewerSigma,
  content: PngContent,
  fitted: { x: number; y: number; ratio: number; angle: number } | null,
): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const pixelRatio = window.devicePixelRatio || 1;
  const lineHeight = 16;
  const captionHeight = content.caption.length * lineHeight + 12;
  const output = document.createElement("canvas");
  output.width = Math.round(width * pixelRatio);
  output.height = Math.round((height + captionHeight) * pixelRatio);
  const context = output.getContext("2d");
  if (!context) return Promise.reject(new Error("no 2D canvas context"));
  context.fillStyle = content.background;
  context.fillRect(0, 0, output.width, output.height);

  const camera = sigma.getCamera();
  const saved = camera.getState();
  if (fitted) camera.setState(fitted);
  sigma.refresh();
  for (const layer of sigma.getContainer().querySelectorAll("canvas")) {
    context.drawImage(layer, 0, 0, Math.round(width * pixelRatio), Math.round(height * pixelRatio));
  }
  camera.setState(saved);
  sigma.refresh();

  context.scale(pixelRatio, pixelRatio);
  context.font = "12px system-ui, sans-serif";
  context.textBaseline = "middle";
  // Legend, top right.
  const legendWidth =
    Math.max(0, ...content.legend.map((entry) => context.measureText(entry.label).width)) + 34;
  const legendHeight = content.legend.length * lineHeight + 10;
  const left = width - legendWidth - 8;
  context.globalAlpha = 0.9;
  context.fillStyle = content.background;
  context.fillRect(left, 8, legendWidth, legendHeight);
  context.globalAlpha = 1;
  content.legend.forEach((entry, i) => {
    const y = 8 + 5 + i * lineHeight + lineHeight / 2;
    context.fillStyle = entry.color;
    if (entry.shape === "line") context.fillRect(left + 8, y - 1.5, 14, 3);
    else {
      context.beginPath();
      context.arc(left + 15, y, 5, 0, Math.PI * 2);
      context.fill();
    }
    context.fillStyle = content.text;
    context.fillText(entry.label, left + 28, y);
  });
  // Caption, under the picture.
  context.fillStyle = content.text;
  content.caption.forEach((line, i) =>
    context.fillText(line, 8, height + 6 + i * lineHeight + lineHeight / 2),
  );

  return await new Promise((resolve, reject) =>
    output.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}

/** Hands a blob to the browser as a download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
