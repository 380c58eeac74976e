/**
 * The only way the viewer builds DOM. Labels, quotes and titles come from data and are untrusted:
 * strings always become text nodes, never markup. There is no innerHTML anywhere in the client.
 */

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  /** Attributes set with setAttribute; values are plain strings, never markup. */
  attrs?: Record<string, string>;
  text?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** A link only for http(s) addresses: a javascript: URL in the data must never become clickable. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link that opens in a new tab without handing it our window. */
export function externalLink(url: string, text: string): HTMLAnchorElement {
  return el("a", { attrs: { href: url, target: "_blank", rel: "noopener noreferrer" }, text });
}
