/**
 * What @tryfinch/react-connect 5.0.0 leaves out when it prepends its full-screen iframe to
 * <body>: a title for screen readers, a modal (the page behind is inert, so Tab cannot leave
 * Connect for the console underneath), focus moved into Connect and given back afterwards, and
 * Escape to close when focus is on our page rather than inside the frame.
 */
export const CONNECT_FRAME_ID = "finch-connect-iframe";
export const CONNECT_FRAME_TITLE = "Finch Connect";

export interface WatchConnectFrameOptions {
  /** Escape pressed on the page behind Connect: close it as the user closing Connect. */
  onEscape: () => void;
}

function focusedElement(except?: Element): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body && active !== except
    ? active
    : null;
}

/** The watch on the open frame; opening Connect again replaces the frame, and so the watch. */
let current: (() => void) | null = null;

/** Call right after FinchConnect.open(); returns a cleanup that is also run when the frame goes. */
export function watchConnectFrame({ onEscape }: WatchConnectFrameOptions): () => void {
  current?.();
  const frame = document.getElementById(CONNECT_FRAME_ID);
  if (!(frame instanceof HTMLIFrameElement)) return () => undefined;
  frame.title = CONNECT_FRAME_TITLE;

  // Inerting the page blurs whatever had focus, so note it first. By the time the frame has
  // loaded, a dialog that launched Connect has closed and handed focus back to its opener:
  // prefer that, as the place to return to when Connect closes.
  let returnFocusTo = focusedElement();
  let madeInert: HTMLElement[] = [];
  const makeModal = () => {
    returnFocusTo = focusedElement(frame) ?? returnFocusTo;
    madeInert = Array.from(document.body.children).filter(
      (element): element is HTMLElement =>
        element !== frame && element instanceof HTMLElement && !element.inert,
    );
    for (const element of madeInert) element.inert = true;
    frame.focus();
  };
  frame.addEventListener("load", makeModal, { once: true });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") onEscape();
  };
  document.addEventListener("keydown", onKeyDown);

  let done = false;
  const cleanup = () => {
    if (done) return;
    done = true;
    if (current === cleanup) current = null;
    observer.disconnect();
    frame.removeEventListener("load", makeModal);
    document.removeEventListener("keydown", onKeyDown);
    for (const element of madeInert) element.inert = false;
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
  };
  const observer = new MutationObserver(() => {
    if (!frame.isConnected) cleanup();
  });
  observer.observe(document.body, { childList: true });
  current = cleanup;
  return cleanup;
}
