import type { ViewerSigma } from "./renderer.ts";

/**
 * The current view as one PNG: sigma's WebGL and 2D layers drawn in order onto one canvas over the
 * page's background, with a caption. WebGL buffers are only readable in the task that drew them
 * (preserveDrawingBuffer is off for speed), so the render and the copy happen back to back.
 */
export function renderViewToPng(sigma: ViewerSigma, background: string, caption: string): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const pixelRatio = window.devicePixelRatio || 1;
  const output = document.createElement("canvas");
  output.width = Math.round(width * pixelRatio);
  output.height = Math.round(height * pixelRatio);
  const context = output.getContext("2d");
  if (!context) return Promise.reject(new Error("no 2D canvas context"));
  context.fillStyle = background;
  context.fillRect(0, 0, output.width, output.height);

  sigma.refresh();
  for (const layer of sigma.getContainer().querySelectorAll("canvas")) {
    context.drawImage(layer, 0, 0, output.width, output.height);
  }

  context.scale(pixelRatio, pixelRatio);
  context.font = "12px system-ui, sans-serif";
  context.fillStyle = background;
  const captionWidth = context.measureText(caption).width;
  context.globalAlpha = 0.8;
  context.fillRect(0, height - 22, captionWidth + 16, 22);
  context.globalAlpha = 1;
  context.fillStyle = getComputedStyle(document.body).color;
  context.fillText(caption, 8, height - 7);

  return new Promise((resolve, reject) =>
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
