import { el } from "../dom.ts";

/**
 * A modal dialog (the native <dialog>: focus kept inside, Escape closes it) with a title and a close
 * button; its body is filled by whoever opens it.
 */
export class Dialog {
  readonly element: HTMLDialogElement;
  readonly body: HTMLElement;

  constructor(title: string, testId: string) {
    const close = el("button", {
      className: "icon-button",
      attrs: { type: "button", "aria-label": "Close", title: "Close (Esc)" },
      text: "×",
    });
    close.addEventListener("click", () => this.close());
    this.body = el("div", { className: "dialog-body" });
    const heading = el("h2", { text: title, attrs: { id: `${testId}-title` } });
    this.element = el(
      "dialog",
      { className: "dialog", attrs: { "aria-labelledby": `${testId}-title`, "data-testid": testId } },
      el("header", { className: "dialog-header" }, heading, close),
      this.body,
    );
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    this.element.addEventListener("click", (event) => {
      if (event.target === this.element) this.close();
    });
    document.body.append(this.element);
  }

  get open(): boolean {
    return this.element.open;
  }

  show(): void {
    if (!this.element.open) this.element.showModal();
  }

  close(): void {
    if (this.element.open) this.element.close();
  }
}
